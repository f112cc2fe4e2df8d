package com.cerby.scimtoken.limits;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each caller spends its own budget; over it, 429 rate_limited until the bucket refills. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBudgets.class)
class RateLimitTest extends DatabaseTest {

    public static class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.rate-limit.app.per-minute", "5",
                    "scim-token.rate-limit.introspection.per-second", "3",
                    "scim-token.rate-limit.unauthenticated.per-minute", "2");
        }
    }

    private static final String METADATA = "/api/v1/workspaces/acme/scim-token";

    @BeforeEach
    void stopTheClock() {
        clock.stop();
    }

    private static ValidatableResponse metadata(String jwt) {
        return given().auth().oauth2(jwt).when().get(METADATA).then();
    }

    @Test
    void everyAnswerTellsTheCallerWhereItStandsAndTheSixthRequestOfAMinuteIsRefused() {
        String alice = TestTokens.jwt("alice", "acme", "owner");
        for (int remaining = 4; remaining >= 0; remaining--) {
            metadata(alice).statusCode(200)
                    .header("RateLimit-Limit", "5")
                    .header("RateLimit-Remaining", String.valueOf(remaining))
                    .header("RateLimit-Reset", String.valueOf(Math.max(1, 60 - 12 * remaining)));
        }

        assertProblem(metadata(alice), 429, "rate_limited", METADATA)
                .header("Retry-After", "12")
                .header("RateLimit-Remaining", "0")
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
        metadata(TestTokens.jwt("bob", "acme", "owner")).statusCode(200).header("RateLimit-Remaining", "4");

        clock.advance(Duration.ofSeconds(12));
        metadata(alice).statusCode(200).header("RateLimit-Remaining", "0");
    }

    @Test
    void aNewJwtOfTheSameUserSharesTheUsersBudget() {
        for (int i = 0; i < 5; i++) {
            metadata(TestTokens.jwt("carol", "acme", "owner")).statusCode(200);
        }
        assertProblem(metadata(TestTokens.jwtWith(claims -> claims.claim("nonce", "fresh"), "carol", "acme", "owner")),
                429, "rate_limited", METADATA);
    }

    @Test
    void introspectionHasABudgetOfItsOwnPerSecond() {
        for (int i = 0; i < 3; i++) {
            Flows.introspect("scim_unknown").statusCode(200).header("RateLimit-Limit", "3");
        }
        assertProblem(Flows.introspect("scim_unknown"), 429, "rate_limited", "/api/v1/scim-tokens/introspect")
                .header("Retry-After", "1");
        clock.advance(Duration.ofSeconds(1));
        Flows.introspect("scim_unknown").statusCode(200);
    }

    @Test
    void requestsWithoutAValidTokenSpendTheClientAddressesSmallBudget() {
        String forged = TestTokens.signedByForeignKey("dave", "acme", "owner");
        assertProblem(metadata(forged), 401, "unauthorized", METADATA).header("RateLimit-Limit", "2");
        assertProblem(given().when().get(METADATA).then(), 401, "unauthorized", METADATA)
                .header("RateLimit-Remaining", "0");

        assertProblem(metadata(forged), 429, "rate_limited", METADATA);
        metadata(TestTokens.jwt("dave", "acme", "owner")).statusCode(200).header("RateLimit-Limit", "5");
    }

    @Test
    void noSpellingOfAnApiPathIsServedUncharged() {
        String erin = TestTokens.jwt("erin", "acme", "owner");
        List<String> spellings = List.of("/api;x=1/v1/workspaces/acme/scim-token",
                "/api/v1;x=1/workspaces/acme/scim-token", "/api/v1/workspaces/acme/scim-token;x=1",
                "/api/v1/workspaces%2Facme/scim-token", "/api/v1/workspaces/acme%2fscim-token",
                "/api/v1/%2e/workspaces/acme/scim-token", "/api/v1/workspaces/acme%3Bx=1/scim-token",
                "/api%5Cv1/workspaces/acme/scim-token", "/api/v1/scim-tokens;x=1/introspect",
                "/api;x=1/v1/scim-tokens/leak-reports");
        for (String spelling : spellings) {
            assertProblem(given().urlEncodingEnabled(false).auth().oauth2(erin).when().get(spelling).then(), 400,
                    "invalid_path", spelling).header("RateLimit-Limit", nullValue());
            assertProblem(given().urlEncodingEnabled(false).when().post(spelling).then(), 400, "invalid_path",
                    spelling);
        }

        metadata(erin).statusCode(200).header("RateLimit-Remaining", "4");
    }

    @Test
    void pathsOutsideTheApiAreNotCharged() {
        given().when().get("/q/health/live").then().statusCode(200).header("RateLimit-Limit", nullValue());
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
