package com.cerby.scimtoken.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** An application whose tokens live 30 days ({@code scim-token.token.lifetime}), shared by the classes that need it. */
public class ThirtyDayTokens implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("scim-token.token.lifetime", "P30D");
    }
}
