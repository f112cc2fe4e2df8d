package com.cerby.scimtoken.common.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry SDK is off unless an OTLP endpoint is set, or the operator says otherwise. */
class TracingSwitchTest {

    private static boolean sdkDisabled(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // As the extension does: its default endpoint comes from the defaults, with the lowest ordinal.
                .withDefaultValue(TracingSwitch.ENDPOINT, "http://localhost:4317")
                .withDefaultValue(TracingSwitch.SDK_DISABLED, "false")
                .withSources(new PropertiesConfigSource(settings, "test", 300))
                .withInterceptors(new TracingSwitch())
                .build();
        return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }

    @Test
    void withoutAnEndpointTheSdkIsOff() {
        assertTrue(sdkDisabled(Map.of()));
        assertTrue(sdkDisabled(Map.of("quarkus.otel.exporter.otlp.protocol", "http/protobuf")));
    }

    @Test
    void anEndpointTurnsItOn() {
        assertFalse(sdkDisabled(Map.of(TracingSwitch.ENDPOINT, "http://collector:4317")));
        assertFalse(sdkDisabled(Map.of(TracingSwitch.TRACES_ENDPOINT, "http://collector:4318")));
    }

    @Test
    void anExplicitSettingWins() {
        assertTrue(sdkDisabled(Map.of(TracingSwitch.ENDPOINT, "http://collector:4317", TracingSwitch.SDK_DISABLED,
                "true")));
        assertFalse(sdkDisabled(Map.of(TracingSwitch.SDK_DISABLED, "false")));
    }
}
