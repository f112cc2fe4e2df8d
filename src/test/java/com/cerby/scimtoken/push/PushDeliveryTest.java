package com.cerby.scimtoken.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.PushGatewayTestResource;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push notifications reach a real HTTP server standing in for the gateway, signed, and retried when it fails. */
@QuarkusTest
class PushDeliveryTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    WireMockServer gateway;

    @Inject
    PushCourier courier;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void resetGateway() {
        gateway.resetAll();
    }

    private static String enrollWithPushToken(String pushToken) {
        return enrollWithPushToken(pushToken, Map.of());
    }

    private static String enrollWithPushToken(String pushToken, Map<String, String> proof) {
        TestPhone phone = new TestPhone();
        Map<String, Object> body = new java.util.HashMap<>(proof);
        body.putAll(Map.of("name", "phone", "publicKey", phone.publicJwk(), "pushToken", pushToken));
        return given().auth().oauth2(ALICE).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/me/devices").then().statusCode(201).extract().path("id");
    }

    private void gatewayAnswers(int status) {
        gateway.stubFor(post(urlEqualTo(PushGatewayTestResource.PATH)).willReturn(aResponse().withStatus(status)));
    }

    @Test
    void eachDeviceWithAPushTokenGetsOneSignedNotificationWithoutTheNumber() throws Exception {
        gatewayAnswers(202);
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        String first = enrollWithPushToken("token-a",
                Map.of("verificationId", authenticator.approved(ALICE, WORKSPACE, "manage_factors")));
        String second = enrollWithPushToken("token-b",
                Map.of("verificationId", authenticator.approved(ALICE, WORKSPACE, "manage_factors")));
        TestPhone.enrolledFor(ALICE, authenticator.approved(ALICE, WORKSPACE, "manage_factors"));
        Flows.Started started = Flows.startPush(ALICE, WORKSPACE);

        assertEquals(2, courier.dispatchDue());

        List<LoggedRequest> sent = gateway.findAll(postRequestedFor(urlEqualTo(PushGatewayTestResource.PATH)));
        assertEquals(2, sent.size());
        ObjectMapper json = new ObjectMapper();
        for (LoggedRequest request : sent) {
            String body = request.getBodyAsString();
            assertEquals("sha256=" + hmac(body), request.getHeader("X-Signature-256"));
            JsonNode payload = json.readTree(body);
            assertEquals(Set.of("deviceId", "pushToken", "verificationId", "workspaceId", "action", "requester",
                    "expiresAt"), fieldNames(payload));
            assertEquals(started.id(), payload.path("verificationId").asText());
            assertEquals(WORKSPACE, payload.path("workspaceId").asText());
            assertEquals("reveal", payload.path("action").asText());
            assertEquals("127.0.0.1", payload.path("requester").path("ipAddress").asText());
            assertFalse(body.contains("\"number"), body);
        }
        assertEquals(Set.of(first, second), Set.of(json.readTree(sent.get(0).getBodyAsString()).path("deviceId").asText(),
                json.readTree(sent.get(1).getBodyAsString()).path("deviceId").asText()));
        assertEquals(2L, database.queryValue("select count(*) from outbox where channel = 'PUSH' and status = 'SENT'"));
        assertEquals(0, courier.dispatchDue(), "a sent notification is not sent again");
    }

    @Test
    void aFailingGatewayIsRetriedWithGrowingPausesThenGivenUp() throws Exception {
        gatewayAnswers(503);
        enrollWithPushToken("token-a");
        Flows.startPush(ALICE, WORKSPACE);
        double givenUpBefore = givenUp();

        assertEquals(1, courier.dispatchDue());
        assertEquals(0, courier.dispatchDue(), "not due again before the backoff");
        long[] pauses = { 2, 4, 8, 16, 32 };
        for (long pause : pauses) {
            clock.advance(Duration.ofSeconds(pause - 1));
            assertEquals(0, courier.dispatchDue(), "retried before its pause of " + pause + " s");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(1, courier.dispatchDue());
        }

        assertEquals(6, gateway.findAll(postRequestedFor(urlEqualTo(PushGatewayTestResource.PATH))).size());
        assertEquals("FAILED", database.queryValue("select status from outbox where channel = 'PUSH'"));
        assertEquals("gateway answered 503", database.queryValue("select last_error from outbox where channel = 'PUSH'"));
        assertEquals(givenUpBefore + 1, givenUp());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, courier.dispatchDue());
    }

    @Test
    void aGatewayThatRecoversGetsTheNotification() {
        gatewayAnswers(500);
        enrollWithPushToken("token-a");
        Flows.startPush(ALICE, WORKSPACE);
        courier.dispatchDue();

        gateway.resetAll();
        gatewayAnswers(200);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(1, courier.dispatchDue());

        assertEquals("SENT", String.valueOf(dispatcherStatus()));
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeCountsAsAFailure() {
        gateway.stubFor(post(urlEqualTo(PushGatewayTestResource.PATH))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        enrollWithPushToken("token-a");
        Flows.startPush(ALICE, WORKSPACE);

        courier.dispatchDue();

        assertEquals("HttpTimeoutException", String.valueOf(lastError()));
        assertEquals("PENDING", String.valueOf(dispatcherStatus()));
    }

    @Test
    void startingAPushVerificationNeverWaitsForTheGateway() throws Exception {
        gateway.stubFor(post(urlEqualTo(PushGatewayTestResource.PATH))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        enrollWithPushToken("token-a");

        Flows.startPush(ALICE, WORKSPACE);

        assertTrue(gateway.findAll(postRequestedFor(urlEqualTo(PushGatewayTestResource.PATH))).isEmpty());
        assertEquals(1L, database.queryValue("select count(*) from outbox where channel = 'PUSH' and status = 'PENDING'"));
    }

    @Test
    void devicesWithoutAPushTokenAreNotNotified() throws Exception {
        TestPhone.enrolledFor(ALICE);
        Flows.startPush(ALICE, WORKSPACE);

        assertEquals(0L, database.queryValue("select count(*) from outbox where channel = 'PUSH'"));
        assertEquals(0, courier.dispatchDue());
    }

    private Object dispatcherStatus() {
        try {
            return database.queryValue("select status from outbox where channel = 'PUSH'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object lastError() {
        try {
            return database.queryValue("select last_error from outbox where channel = 'PUSH'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private double givenUp() {
        var counter = metrics.find("scim_token_push_deliveries").tag("outcome", "failed").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PushGatewayTestResource.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
