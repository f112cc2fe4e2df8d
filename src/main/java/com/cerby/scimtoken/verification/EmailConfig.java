package com.cerby.scimtoken.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The email verification method ({@code scim-token.email.*}); the SMTP server is set with quarkus.mailer.*. */
@ConfigMapping(prefix = "scim-token.email")
public interface EmailConfig {

    /**
     * The service's public base URL as users' browsers reach it (e.g. {@code https://scim-token.example.com}); the
     * mail links to {@code <link-base-url>/console/confirm.html#verification=<id>&code=<code>}. By default, in local
     * mode and tests, the service's own {@code http://localhost:<port it listens on>}; a production deployment must
     * set it, or the email method is unavailable. Never taken from a request's Host header, which the caller
     * chooses.
     */
    Optional<String> linkBaseUrl();

    /**
     * The actions an email verification may confirm. An email is the weakest factor (whoever reads the mail can
     * click), so by default it only reveals the token; a user's first factor may also be confirmed by email when
     * {@code scim-token.factors.first-enrollment=email}.
     */
    @WithDefault("reveal")
    List<VerificationAction> actions();

    @WithDefault("Confirm it's you: SCIM token access")
    String subject();
}
