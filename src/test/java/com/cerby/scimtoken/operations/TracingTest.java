package com.cerby.scimtoken.operations;

import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.introspect;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.operations.OtlpReceiver.Span;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Eventually;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
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
            return List.of(new TestResourceEntry(OtlpReceiver.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The access log line of a request, to see its trace ids in the log's MDC.
            return Map.of("quarkus.http.access-log.enabled", "true");
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

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
}
