package com.cerby.scimtoken.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Delivery of push notifications to the mobile push gateway ({@code scim-token.push.*}). */
@ConfigMapping(prefix = "scim-token.push")
public interface PushConfig {

    /** Where notifications are POSTed; without it nothing is sent (the app can still poll). */
    Optional<URI> gatewayUrl();

    /** The HMAC-SHA256 key of the {@code X-Signature-256} header; required with a gateway URL. */
    Optional<String> gatewaySecret();

    /** Tries per notification before it is given up. */
    @WithDefault("6")
    int maxAttempts();

    /** The wait before the first retry; it doubles with every further try. */
    @WithDefault("PT2S")
    Duration initialBackoff();

    /** The longest wait between tries. */
    @WithDefault("PT5M")
    Duration maxBackoff();

    /** How long one delivery may take. */
    @WithDefault("PT5S")
    Duration timeout();

    /** How often due notifications are sent. */
    @WithDefault("PT1S")
    Duration dispatchInterval();
}
