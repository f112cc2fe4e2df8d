package com.cerby.scimtoken.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.cerby.scimtoken.push.PushCourier;
import com.cerby.scimtoken.support.CapturedLog;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.PushGatewayTestResource;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Without an OTLP endpoint (the tests' default, as a production install without a collector) the OpenTelemetry SDK
 * stays off: nothing is exported, and nothing is logged about exporting to the extension's default localhost:4317.
 */
@QuarkusTest
class TracingOffTest extends DatabaseTest {

    WireMockServer gateway;

    @Inject
    PushCourier courier;

    @Test
    void withoutAnEndpointNothingIsTracedNorLoggedAboutIt() throws Exception {
        var sdkDisabled = ConfigProvider.getConfig().getConfigValue("quarkus.otel.sdk.disabled");
        assertEquals("true", sdkDisabled.getValue());
        assertEquals("TracingSwitch", sdkDisabled.getSourceName());

        try (CapturedLog log = CapturedLog.open()) {
            given().auth().oauth2(TestTokens.jwt("tracy", "acme", "owner"))
                    .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .when().get("/api/v1/workspaces/acme/scim-token").then().statusCode(200);
            List<String> exporting = log.lines().stream().filter(line -> line.contains("4317")
                    || line.toLowerCase(java.util.Locale.ROOT).contains("export")).toList();
            assertEquals(List.of(), exporting, "nothing logged about exporting");
        }
    }

    @Test
    void outboundCallsGoOutAsBeforeWithoutATraceparent() throws Exception {
        gateway.resetAll();
        gateway.stubFor(post(urlEqualTo(PushGatewayTestResource.PATH)).willReturn(aResponse().withStatus(202)));
        String alice = TestTokens.jwt("alice", "acme", "owner");
        given().auth().oauth2(alice).header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=opaque-7").contentType(ContentType.JSON)
                .body(Map.of("name", "phone", "publicKey", new TestPhone().publicJwk(), "pushToken", "token-a"))
                .when().post("/api/v1/me/devices").then().statusCode(201);
        given().auth().oauth2(alice).header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/workspaces/acme/scim-token/verifications").then().statusCode(201);

        assertEquals(1L, database.queryValue("select count(*) from outbox where channel = 'PUSH'"));
        assertEquals(0L, database.queryValue("select count(*) from outbox where trace_parent is not null"
                + " or trace_state is not null"), "with tracing off no queued message keeps a trace context");

        assertEquals(1, courier.dispatchDue());
        List<LoggedRequest> delivered = gateway.findAll(postRequestedFor(urlEqualTo(PushGatewayTestResource.PATH)));
        assertEquals(1, delivered.size());
        assertFalse(delivered.get(0).containsHeader("traceparent"),
                "with tracing off no traceparent names a span that is never exported, not even the caller's");
        assertEquals("SENT", database.queryValue("select status from outbox where channel = 'PUSH'"));
    }
}
