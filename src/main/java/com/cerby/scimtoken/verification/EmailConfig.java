package com.cerby.scimtoken.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The email verification method ({@code scim-token.email.*}); the SMTP server is set with quarkus.mailer.*. */
@ConfigMapping(prefix = "scim-token.email")
public interface EmailConfig {

    /**
     * The web app page that completes an email verification; the mail links to
     * {@code <link-base-url>?verification=<id>&code=<code>}. Without it the email method is unavailable.
     */
    Optional<String> linkBaseUrl();

    @WithDefault("Confirm it's you: SCIM token access")
    String subject();
}
