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

    /**
     * Whether a request's {@code Host} header names this machine ({@code localhost}, {@code 127.0.0.1},
     * {@code [::1]}, any port): local mode's own pages and JWT minting answer nothing else, against DNS rebinding.
     */
    public static boolean isAddressedToThisMachine(String hostHeader) {
        return Loopback.isLoopbackHostHeader(hostHeader);
    }
}
