package com.cerby.scimtoken.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;

/** A real HTTP server (WireMock) standing in for the push gateway; tests get it injected as a WireMockServer. */
@WithTestResource(value = PushGatewayTestResource.class, scope = TestResourceScope.GLOBAL)
public class PushGatewayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "gateway-test-secret";
    public static final String PATH = "/push";

    private WireMockServer gateway;

    @Override
    public Map<String, String> start() {
        gateway = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        gateway.start();
        return Map.of(
                "scim-token.push.gateway-url", "http://127.0.0.1:" + gateway.port() + PATH,
                "scim-token.push.gateway-secret", SECRET,
                "scim-token.push.timeout", "PT1S");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(gateway, new TestInjector.MatchesType(WireMockServer.class));
    }

    @Override
    public void stop() {
        if (gateway != null) {
            gateway.stop();
        }
    }
}
