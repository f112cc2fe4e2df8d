package com.cerby.scimtoken.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Whether and how the service sends mail ({@code scim-token.mail.*}); the SMTP server is set with quarkus.mailer.*. */
@ConfigMapping(prefix = "scim-token.mail")
public interface MailConfig {

    /** Whether this deployment sends mail at all: verification links, and notices of security events. */
    @WithDefault("false")
    boolean enabled();

    /** Tries per notice before it is given up. */
    @WithDefault("6")
    int maxAttempts();

    /** The wait before the first retry; it doubles with every further try. */
    @WithDefault("PT30S")
    Duration initialBackoff();

    /** The longest wait between tries. */
    @WithDefault("PT30M")
    Duration maxBackoff();

    /** How long the SMTP server may take to accept one mail. */
    @WithDefault("PT15S")
    Duration timeout();

    /** How often due notices are sent. */
    @WithDefault("PT5S")
    Duration dispatchInterval();
}
