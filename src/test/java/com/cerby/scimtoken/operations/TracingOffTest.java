package com.cerby.scimtoken.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.CapturedLog;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Without an OTLP endpoint (the tests' default, as a production install without a collector) the OpenTelemetry SDK
 * stays off: nothing is exported, and nothing is logged about exporting to the extension's default localhost:4317.
 */
@QuarkusTest
class TracingOffTest {

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
}
