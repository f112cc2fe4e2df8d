package com.cerby.scimtoken.scimtoken;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** SCIM token settings ({@code scim-token.token.*}). */
@ConfigMapping(prefix = "scim-token.token")
public interface TokenConfig {

    /** How long a token works after it is created; unset, tokens do not expire. */
    Optional<Duration> lifetime();

    /** How often the last use seen by introspection is written to the database. */
    @WithDefault("PT30S")
    Duration lastUsedFlushInterval();

    /** How many token lookups the introspection cache keeps. */
    @WithDefault("100000")
    long cacheSize();

    /** How long the introspection cache keeps a lookup before it reads the token again. */
    @WithDefault("PT60S")
    Duration cacheTtl();
}
