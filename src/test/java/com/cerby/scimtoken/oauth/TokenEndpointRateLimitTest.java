package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.ProblemAssertions;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint spends two budgets: the client address's (before anything is looked at) and, once a client has
 * authenticated, the client's. Over either, 429 as RFC 6749 JSON, never problem+json.
 */
@QuarkusTest
@TestProfile(TokenEndpointRateLimitTest.SmallBudgets.class)
class TokenEndpointRateLimitTest extends DatabaseTest {

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.rate-limit.oauth-client.per-minute", "3",
                    "scim-token.rate-limit.unauthenticated.per-minute", "10");
        }
    }

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";

    private static int testsWithFreshBudgets;
    private TestPhone phone;

    @BeforeEach
    void enrollTheOwner() {
        phone = TestPhone.enrolledFor(OWNER);
    }

    /** A client with a secret, made at real time (verifications), before the test stops the clock. */
    private String[] clientWithSecret(String name) {
        String clientId = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", name, "verificationId", approved(OWNER, WORKSPACE, phone, "manage_clients")))
                .when().post(CLIENTS).then().statusCode(201).extract().path("clientId");
        String secret = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approved(OWNER, WORKSPACE, phone, "manage_clients")))
                .when().post(CLIENTS + "/" + clientId + "/secrets").then().statusCode(201).extract()
                .path("clientSecret");
        return new String[] { clientId, secret };
    }

    /**
     * Stops the clock an hour further ahead than the test before did: every bucket an earlier test spent is full
     * again, and the machine's speed cannot refill one during the test.
     */
    private void freshBudgets() {
        clock.stop();
        clock.advance(Duration.ofHours(++testsWithFreshBudgets));
    }

    private static ValidatableResponse token(String clientId, String secret) {
        return given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret)).when().post("/oauth2/token").then();
    }

    private static void assertTokenEndpointRefusal(ValidatableResponse response, String retryAfter) {
        response.statusCode(429).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .header("Retry-After", retryAfter).header("RateLimit-Remaining", "0")
                .body("error", equalTo("temporarily_unavailable"))
                .body("error_description", equalTo("Too many token requests for this client; retry after "
                        + retryAfter + " s."))
                .body("code", nullValue()).body("type", nullValue());
    }

    @Test
    void aClientOverItsBudgetGets429AsRfc6749JsonAndAnotherClientIsUnaffected() {
        String[] entra = clientWithSecret("Entra ID");
        String[] okta = clientWithSecret("Okta");
        freshBudgets();

        for (int remaining = 2; remaining >= 0; remaining--) {
            token(entra[0], entra[1]).statusCode(200);
        }
        ValidatableResponse refused = token(entra[0], entra[1]);
        refused.header("RateLimit-Limit", "3").header("WWW-Authenticate", nullValue());
        assertEquals(List.of("3"), refused.extract().headers().getValues("RateLimit-Limit"),
                "the client's budget replaces what the address's said");
        assertTokenEndpointRefusal(refused, "20");

        token(okta[0], okta[1]).statusCode(200);

        clock.advance(Duration.ofSeconds(20));
        token(entra[0], entra[1]).statusCode(200);
    }

    @Test
    void failedAuthenticationsNeverSpendTheClientsBudget() {
        String[] entra = clientWithSecret("Entra ID");
        String[] other = clientWithSecret("Other");
        freshBudgets();

        // Someone who knows the client id, not its secret (from this address: its budget of 10 is what stops them).
        for (int i = 0; i < 5; i++) {
            token(entra[0], other[1]).statusCode(401).body("error", equalTo("invalid_client"));
        }
        token(entra[0], entra[1]).statusCode(200).header("RateLimit-Limit", "10");
    }

    @Test
    void theAddressBudgetRefusesTheTokenEndpointWithRfc6749JsonAndOtherPathsWithAProblem() {
        String[] entra = clientWithSecret("Entra ID");
        freshBudgets();

        ValidatableResponse answer = null;
        for (int i = 0; i < 11; i++) {
            answer = given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                    .when().post("/oauth2/token").then();
        }
        answer.statusCode(429).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .header("Retry-After", "6").header("RateLimit-Limit", "10").header("RateLimit-Remaining", "0")
                .body("error", equalTo("temporarily_unavailable"))
                .body("error_description", equalTo("Too many requests; retry after 6 s.")).body("code", nullValue());
        token(entra[0], entra[1]).statusCode(429).body("error", equalTo("temporarily_unavailable"));

        ProblemAssertions.assertProblem(given().when().get("/oauth2/jwks").then(), 429, "rate_limited",
                "/oauth2/jwks");
    }
}
