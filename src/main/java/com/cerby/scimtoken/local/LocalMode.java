package com.cerby.scimtoken.local;

import io.quarkus.runtime.configuration.ConfigUtils;

/** Local mode is the Quarkus profile {@code local}: a development convenience, never for production. */
public final class LocalMode {

    public static final String PROFILE = "local";

    private LocalMode() {
    }

    public static boolean isActive() {
        return ConfigUtils.isProfileActive(PROFILE);
    }
}
