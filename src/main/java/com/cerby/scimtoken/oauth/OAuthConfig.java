package com.cerby.scimtoken.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The OAuth 2.0 token endpoint's settings ({@code scim-token.oauth.*}). */
@ConfigMapping(prefix = "scim-token.oauth")
public interface OAuthConfig {

    /**
     * The issuer URL, {@code iss} of every access token and the base of the metadata's endpoints, e.g.
     * {@code https://scim-token.example.com}. Unset: in local mode and tests the service's own
     * {@code http://localhost:<port>}; elsewhere the token endpoint refuses to issue tokens until it is set.
     */
    Optional<String> issuer();

    /** {@code aud} of every access token: what the SCIM server expects. */
    @WithDefault("scim")
    String audience();

    /** An access token's lifetime, PT5M to PT6H. */
    @WithDefault("PT1H")
    Duration accessTokenTtl();

    /**
     * The SCIM server's base URL that identity providers provision to (the "Tenant URL" in Microsoft Entra ID), e.g.
     * {@code https://app.example.com/scim/v2}. This service does not serve SCIM itself, so it cannot know it: the
     * console shows it beside the client id and the token URL when it is set, and otherwise tells the owner to use
     * the SCIM server's URL.
     */
    Optional<String> scimUrl();

    /**
     * How long a signing key signs before a new one replaces it, P1D to P365D; the replaced key stays published
     * until the tokens it signed have expired.
     */
    @WithDefault("P30D")
    Duration signingKeyRotation();
}
