package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.introspect;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rotating a client's secret without downtime (api-v1 §14): add a second secret, switch the identity provider to it,
 * revoke the first. An identity provider that keeps asking for tokens throughout, with whichever secret it has been
 * given, never sees a failed request, and every token it gets is active for the SCIM server.
 */
@QuarkusTest
class SecretRotationTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";

    /** The identity provider: asks for a token with its current secret, and the SCIM server introspects it. */
    private static final class IdentityProvider implements Runnable {
        private final String clientId;
        private volatile String secret;
        private volatile boolean running = true;
        private final AtomicInteger requests = new AtomicInteger();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch usedCurrentSecret = new CountDownLatch(3);

        IdentityProvider(String clientId, String secret) {
            this.clientId = clientId;
            this.secret = secret;
        }

        /** Takes a new secret; the latch opens once three requests were made with it (none with the old in flight). */
        CountDownLatch switchTo(String newSecret) {
            CountDownLatch latch = new CountDownLatch(3);
            usedCurrentSecret = latch;
            secret = newSecret;
            return latch;
        }

        @Override
        public void run() {
            while (running) {
                String using = secret;
                CountDownLatch latch = usedCurrentSecret;
                ExtractableResponse<Response> answer = given().contentType(ContentType.URLENC)
                        .formParams(Map.of("grant_type", "client_credentials", "client_id", clientId,
                                "client_secret", using)).when().post("/oauth2/token").then().extract();
                requests.incrementAndGet();
                if (answer.statusCode() != 200) {
                    failures.add("token " + answer.statusCode() + ": " + answer.asString());
                } else if (!Boolean.TRUE.equals(introspect(answer.path("access_token")).extract().path("active"))) {
                    failures.add("an access token just issued is inactive");
                }
                if (using.equals(secret)) {
                    latch.countDown();
                }
            }
        }
    }

    @Test
    void anIdentityProviderThatSwitchesToTheSecondSecretBeforeTheFirstIsRevokedNeverFails() throws Exception {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        String clientId = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", "Entra ID", "verificationId", approved(OWNER, WORKSPACE, phone, "manage_clients")))
                .when().post(CLIENTS).then().statusCode(201).extract().path("clientId");
        var first = addSecret(clientId, phone);
        IdentityProvider idp = new IdentityProvider(clientId, first.path("clientSecret"));
        CompletableFuture<Void> provisioning = CompletableFuture.runAsync(idp);
        try {
            CountDownLatch started = idp.usedCurrentSecret;
            assertTrue(started.await(30, TimeUnit.SECONDS), "the identity provider got no token");

            String second = addSecret(clientId, phone).path("clientSecret");
            assertTrue(idp.switchTo(second).await(30, TimeUnit.SECONDS), "no token with the second secret");
            given().auth().oauth2(OWNER).queryParam("verificationId", approved(OWNER, WORKSPACE, phone,
                    "manage_clients")).when().delete(CLIENTS + "/" + clientId + "/secrets/" + first.path("secretId"))
                    .then().statusCode(204);
            CountDownLatch afterRevocation = idp.switchTo(second);
            assertTrue(afterRevocation.await(30, TimeUnit.SECONDS), "no token after the revocation");
        } finally {
            idp.running = false;
            provisioning.get(30, TimeUnit.SECONDS);
        }

        assertEquals(List.of(), idp.failures);
        assertTrue(idp.requests.get() >= 9, "only " + idp.requests.get() + " requests");
        given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "client_credentials", "client_id",
                clientId, "client_secret", first.path("clientSecret"))).when().post("/oauth2/token").then()
                .statusCode(401);
    }

    private static ExtractableResponse<Response> addSecret(String clientId, TestPhone phone) {
        return given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approved(OWNER, WORKSPACE, phone, "manage_clients")))
                .when().post(CLIENTS + "/" + clientId + "/secrets").then().statusCode(201).extract();
    }
}
