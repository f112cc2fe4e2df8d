package com.cerby.scimtoken.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The browser console under {@code /console/} ({@code scim-token.console.*}). */
@ConfigMapping(prefix = "scim-token.console")
public interface ConsoleConfig {

    /** Whether the service serves the console at all; local mode turns it on. */
    @WithDefault("false")
    boolean enabled();

    /** The CSP {@code frame-ancestors} sources: who may show the console's pages in a frame. */
    @WithDefault("'none'")
    String frameAncestors();
}
