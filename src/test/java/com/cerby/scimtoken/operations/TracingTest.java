package com.cerby.scimtoken.operations;

import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.introspect;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.mail.MailCourier;
import com.cerby.scimtoken.operations.OtlpReceiver.Span;
import com.cerby.scimtoken.push.PushCourier;
import com.cerby.scimtoken.scimtoken.TokenFormat;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Eventually;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.GitHubSecretScanning;
import com.cerby.scimtoken.support.PushGatewayTestResource;
import com.cerby.scimtoken.support.TestEmail;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint set, each request's spans are exported: the HTTP server span continues the caller's W3C
 * {@code traceparent}, its JDBC statements are child spans, and no secret (JWT, SCIM token, code) is in any span,
 * attribute or event, even when a request fails on it.
 */
@QuarkusTest
@TestProfile(TracingTest.Exporting.class)
class TracingTest extends DatabaseTest {

    public static class Exporting implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpReceiver.class), new TestResourceEntry(GitHubSecretScanning.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The access log line of a request, to see its trace ids in the log's MDC.
            return Map.of("quarkus.http.access-log.enabled", "true");
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    GitHubSecretScanning github;

    WireMockServer gateway;

    GreenMail smtp;

    @Inject
    PushCourier courier;

    @Inject
    MailCourier mailCourier;

    private static String hex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The server span of the request sent with this trace id, once it is exported. */
    private static Span serverSpan(String traceId) throws Exception {
        Eventually.within(Duration.ofSeconds(15), "the request's server span is exported",
                () -> OtlpReceiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId) && s.kind() == 2));
        return OtlpReceiver.spans().stream().filter(s -> s.traceId().equals(traceId) && s.kind() == 2).findFirst()
                .orElseThrow();
    }

    /** The CLIENT span (an outbound call) with this trace and span id, once it is exported. */
    private static Span clientSpan(String traceId, String spanId) throws Exception {
        Eventually.within(Duration.ofSeconds(15), "the outbound call's client span is exported",
                () -> OtlpReceiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId)
                        && s.spanId().equals(spanId) && s.kind() == 3));
        return OtlpReceiver.spans().stream().filter(s -> s.traceId().equals(traceId) && s.spanId().equals(spanId)
                && s.kind() == 3).findFirst().orElseThrow();
    }

    /** The trace and span id of a W3C {@code traceparent} header ({@code 00-<trace>-<span>-<flags>}). */
    private static String[] traceAndSpan(String traceparent) {
        assertNotNull(traceparent, "the outbound request carries a traceparent");
        String[] parts = traceparent.split("-");
        assertEquals(4, parts.length, traceparent);
        assertEquals("00", parts[0], traceparent);
        return new String[] {parts[1], parts[2]};
    }

    @Test
    void aRequestContinuesTheCallersTraceWithItsJdbcStatementsAsChildSpans() throws Exception {
        String traceId = hex(16);
        String callerSpan = hex(8);
        List<Map<String, String>> logged = new CopyOnWriteArrayList<>();
        Handler mdc = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext) {
                    logged.add(ext.getMdcCopy().entrySet().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(mdc);
        try {
            given().auth().oauth2(TestTokens.jwt("tracy", "acme", "owner"))
                    .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                    .when().get("/api/v1/workspaces/acme/scim-token").then().statusCode(200);
            Eventually.within(Duration.ofSeconds(10), "the request's access log line carries its trace id",
                    () -> logged.stream().anyMatch(m -> traceId.equals(m.get("traceId"))));
        } finally {
            Logger.getLogger("").removeHandler(mdc);
        }

        Span server = serverSpan(traceId);
        assertTrue(logged.stream().anyMatch(m -> traceId.equals(m.get("traceId"))
                && server.spanId().equals(m.get("spanId"))), "the log line names the server span: " + logged);
        assertEquals(callerSpan, server.parentSpanId(), "the server span's parent is the caller's span");
        assertEquals("scim-token-service", server.serviceName(), "the service name is the application's name");
        assertTrue(server.name().contains("/api/v1/workspaces/{workspaceId}/scim-token"), server.name());

        Eventually.within(Duration.ofSeconds(15), "a JDBC span of the request is exported",
                () -> OtlpReceiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId) && s.kind() == 3
                        && "postgresql".equals(s.attributes().getOrDefault("db.system.name",
                                s.attributes().get("db.system")))));
    }

    @Test
    void noJwtTokenOrCodeReachesAnySpanEvenWhenARequestFailsOnIt() throws Exception {
        String owner = TestTokens.jwt("sam", "acme", "owner");
        String token = approvedReveal(owner, "acme", TestPhone.enrolledFor(owner)).statusCode(200).extract()
                .path("token");
        String badSignature = owner.substring(0, owner.length() - 6) + (owner.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        String foreign = TestTokens.signedByForeignKey("sam", "acme", "owner");
        String code = "48213907";

        String introspection = hex(16);
        given().header("traceparent", "00-" + introspection + "-" + hex(8) + "-01")
                .auth().oauth2(TestTokens.jwt("scim-server", "system", "token_introspector"))
                .contentType(ContentType.URLENC).formParam("token", token)
                .when().post("/api/v1/scim-tokens/introspect").then().statusCode(200);
        introspect(token).statusCode(200);

        String forged = hex(16);
        given().header("traceparent", "00-" + forged + "-" + hex(8) + "-01").auth().oauth2(badSignature)
                .when().get("/api/v1/workspaces/acme/scim-token").then().statusCode(401);
        String foreignKey = hex(16);
        given().header("traceparent", "00-" + foreignKey + "-" + hex(8) + "-01").auth().oauth2(foreign)
                .when().get("/api/v1/workspaces/acme/scim-token").then().statusCode(401);
        String malformedBody = hex(16);
        given().header("traceparent", "00-" + malformedBody + "-" + hex(8) + "-01").auth().oauth2(owner)
                .contentType(ContentType.JSON).body("{\"method\":\"totp\",\"code\":\"" + code + "\" " + token)
                .when().post("/api/v1/workspaces/acme/scim-token/verifications").then().statusCode(400);

        for (String traceId : List.of(introspection, forged, foreignKey, malformedBody)) {
            serverSpan(traceId);
        }
        Map<String, String> secrets = Map.of("the SCIM token", token, "the JWT", owner,
                "the JWT's signature", owner.substring(owner.lastIndexOf('.') + 1),
                "the JWT with a bad signature", badSignature, "the foreign JWT", foreign, "the code", code);
        assertFalse(OtlpReceiver.EXPORTS.isEmpty());
        for (byte[] export : OtlpReceiver.EXPORTS) {
            String text = new String(export, StandardCharsets.ISO_8859_1);
            secrets.forEach((what, secret) -> assertFalse(text.contains(secret), what + " is in an exported span"));
        }
    }

    @Test
    void fetchingGitHubsKeysIsAClientSpanOfTheReportsRequestAndGitHubGetsItsTraceparent() throws Exception {
        // A key GitHub has just rotated in: the report signed with it makes the service fetch the keys again.
        String keyId = "rotated-" + hex(4);
        github.publish(keyId);
        clock.advance(Duration.ofHours(1));
        int fetches = github.keyFetches();
        String body = "[{\"token\":\"" + TokenFormat.generate(RANDOM) + "\",\"type\":\"cerby_scim_token\","
                + "\"url\":\"https://github.com/example/infra/blob/main/terraform.tfvars\",\"source\":\"content\"}]";
        String traceId = hex(16);
        given().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01").header("baggage", "tenant=acme")
                .contentType(ContentType.JSON).body(body)
                .header("Github-Public-Key-Identifier", keyId).header("Github-Public-Key-Signature", github.sign(body, keyId))
                .when().post("/api/v1/scim-tokens/leak-reports").then().statusCode(200);

        assertEquals(fetches + 1, github.keyFetches(), "the report fetched GitHub's keys");
        String[] sent = traceAndSpan(github.keyFetchHeaders("traceparent").get(fetches));
        assertEquals(traceId, sent[0], "GitHub gets the report's trace");
        assertEquals(null, github.keyFetchHeaders("baggage").get(fetches), "nor the caller's baggage");
        Span server = serverSpan(traceId);
        Span client = clientSpan(traceId, sent[1]);
        assertEquals(server.spanId(), client.parentSpanId(), "the fetch is a child of the report's server span");
        assertEquals("GET", client.name());
        assertEquals("GET", client.attributes().get("http.request.method"));
        assertEquals(github.keysUrl(), client.attributes().get("url.full"));
        assertEquals("127.0.0.1", client.attributes().get("server.address"));
        assertEquals(String.valueOf(java.net.URI.create(github.keysUrl()).getPort()),
                client.attributes().get("server.port"));
        assertEquals("200", client.attributes().get("http.response.status_code"));
        assertFalse(client.attributes().containsKey("error.type"), client.attributes().toString());
    }

    @Test
    void aPushDeliveryIsAClientSpanAndTheGatewayGetsItsTraceparentButNoSpanHoldsThePayload() throws Exception {
        gateway.resetAll();
        gateway.stubFor(post(urlEqualTo(PushGatewayTestResource.PATH)).willReturn(aResponse().withStatus(503)));
        String alice = TestTokens.jwt("alice", "acme", "owner");
        String pushToken = "push-token-" + hex(8);
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "phone", "publicKey", new TestPhone().publicJwk(), "pushToken", pushToken))
                .when().post("/api/v1/me/devices").then().statusCode(201);
        Flows.startPush(alice, "acme");

        // The scheduler's turn, as the tests run it: the delivery runs apart from the request that queued it.
        assertEquals(1, courier.dispatchDue());

        List<LoggedRequest> delivered = gateway.findAll(postRequestedFor(urlEqualTo(PushGatewayTestResource.PATH)));
        assertEquals(1, delivered.size());
        String[] sent = traceAndSpan(delivered.get(0).getHeader("traceparent"));
        Span client = clientSpan(sent[0], sent[1]);
        assertEquals("POST", client.attributes().get("http.request.method"));
        String gatewayUrl = "http://127.0.0.1:" + gateway.port() + PushGatewayTestResource.PATH;
        assertEquals(gatewayUrl, client.attributes().get("url.full"));
        assertEquals(String.valueOf(gateway.port()), client.attributes().get("server.port"));
        assertEquals("503", client.attributes().get("http.response.status_code"));
        assertEquals("503", client.attributes().get("error.type"), "a refused delivery is an error");

        // Neither the payload (with the push token), nor its signature, nor the gateway's secret in any span.
        String payload = delivered.get(0).getBodyAsString();
        Map<String, String> secrets = Map.of("the payload", payload, "the push token", pushToken,
                "the signature",
                delivered.get(0).getHeader(PushCourier.SIGNATURE_HEADER).substring("sha256=".length()),
                "the gateway secret", PushGatewayTestResource.SECRET);
        for (byte[] export : OtlpReceiver.EXPORTS) {
            String text = new String(export, StandardCharsets.ISO_8859_1);
            secrets.forEach((what, secret) -> assertFalse(text.contains(secret), what + " is in an exported span"));
        }
    }

    @Test
    void aQueuedPushIsDeliveredWithinTheTraceOfTheRequestThatQueuedIt() throws Exception {
        gateway.resetAll();
        gateway.stubFor(post(urlEqualTo(PushGatewayTestResource.PATH)).willReturn(aResponse().withStatus(202)));
        String alice = TestTokens.jwt("alice", "acme", "owner");
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body(Map.of("name", "phone", "publicKey", new TestPhone().publicJwk(), "pushToken", "token-a"))
                .when().post("/api/v1/me/devices").then().statusCode(201);
        String traceId = hex(16);
        given().auth().oauth2(alice).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .header("tracestate", "vendor=opaque-7")
                .contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/workspaces/acme/scim-token/verifications").then().statusCode(201);

        Span server = serverSpan(traceId);
        assertEquals("00-" + traceId + "-" + server.spanId() + "-01",
                database.queryValue("select trace_parent from outbox where channel = 'PUSH'"),
                "the queued notification keeps the request's span as its trace context");
        assertEquals("vendor=opaque-7", database.queryValue("select trace_state from outbox where channel = 'PUSH'"));

        // The scheduler's turn, as the tests run it, on a thread where no span is current.
        assertEquals(1, courier.dispatchDue());

        List<LoggedRequest> delivered = gateway.findAll(postRequestedFor(urlEqualTo(PushGatewayTestResource.PATH)));
        assertEquals(1, delivered.size());
        String[] sent = traceAndSpan(delivered.get(0).getHeader("traceparent"));
        assertEquals(traceId, sent[0], "the gateway gets the trace of the request that queued the notification");
        assertEquals("vendor=opaque-7", delivered.get(0).getHeader("tracestate"), "and the caller's tracestate");
        Span client = clientSpan(traceId, sent[1]);
        assertEquals(server.spanId(), client.parentSpanId(), "the delivery is a child of the request's server span");
        assertEquals("POST", client.name());
        assertEquals("202", client.attributes().get("http.response.status_code"));
        assertEquals("SENT", database.queryValue("select status from outbox where channel = 'PUSH'"));
    }

    @Test
    void aQueuedNoticeIsMailedWithinTheTraceOfTheRequestThatQueuedIt() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        String traceId = hex(16);
        // Enrolling a device tells the user by a notice, queued in the mail outbox.
        given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner"))
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01").contentType(ContentType.JSON)
                .body(Map.of("name", "phone", "publicKey", new TestPhone().publicJwk()))
                .when().post("/api/v1/me/devices").then().statusCode(201);
        Span server = serverSpan(traceId);
        assertEquals("00-" + traceId + "-" + server.spanId() + "-01",
                database.queryValue("select trace_parent from outbox where channel = 'MAIL'"));
        assertEquals(null, database.queryValue("select trace_state from outbox where channel = 'MAIL'"),
                "no tracestate came, none is stored");

        assertEquals(1, mailCourier.dispatchDue());

        Eventually.within(Duration.ofSeconds(15), "the notice's SMTP span is exported",
                () -> OtlpReceiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId) && s.kind() == 3
                        && "smtp".equals(s.attributes().get("network.protocol.name"))));
        Span sent = OtlpReceiver.spans().stream().filter(s -> s.traceId().equals(traceId) && s.kind() == 3
                && "smtp".equals(s.attributes().get("network.protocol.name"))).findFirst().orElseThrow();
        assertEquals(server.spanId(), sent.parentSpanId(), "the mailing is a child of the request's server span");
    }

    @Test
    void aVerificationMailIsAnSmtpClientSpanOfTheRequestWithoutItsRecipientOrCode() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        String traceId = hex(16);
        given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner"))
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .contentType(ContentType.JSON).body(Map.of("method", "email", "action", "reveal"))
                .when().post("/api/v1/workspaces/acme/scim-token/verifications").then().statusCode(201);
        var mail = smtp.getReceivedMessages()[0];
        String code = TestEmail.linkIn(mail).code();
        String recipient = mail.getAllRecipients()[0].toString();

        Span server = serverSpan(traceId);
        Eventually.within(Duration.ofSeconds(15), "the mail's SMTP span is exported",
                () -> OtlpReceiver.spans().stream().anyMatch(s -> s.traceId().equals(traceId) && s.kind() == 3
                        && "smtp".equals(s.attributes().get("network.protocol.name"))));
        Span sent = OtlpReceiver.spans().stream().filter(s -> s.traceId().equals(traceId) && s.kind() == 3
                && "smtp".equals(s.attributes().get("network.protocol.name"))).findFirst().orElseThrow();
        assertEquals(server.spanId(), sent.parentSpanId(), "the mail is sent within the request");
        assertEquals("127.0.0.1", sent.attributes().get("server.address"));
        assertEquals(String.valueOf(smtp.getSmtp().getPort()), sent.attributes().get("server.port"));
        for (byte[] export : OtlpReceiver.EXPORTS) {
            String text = new String(export, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(code), "the mailed code is in an exported span");
            assertFalse(text.contains(recipient), "the recipient is in an exported span");
        }
    }
}
