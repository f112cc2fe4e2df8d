package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.local.OwnUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The authorization server's issuer URL: {@code scim-token.oauth.issuer}, or, where the service runs for one person
 * on their machine (local mode, tests), its own URL ({@link OwnUrl}), as the email links do.
 */
@ApplicationScoped
public class Issuer {

    private final Optional<String> configured;
    private final OwnUrl ownUrl;

    Issuer(OAuthConfig config, OwnUrl ownUrl) {
        this.configured = config.issuer().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.ownUrl = ownUrl;
    }

    Optional<String> url() {
        return ownUrl.orConfigured(configured);
    }

    /**
     * The issuer URL, or 404 {@code not_found}: without a known public URL the authorization server is off (its
     * tokens would name no issuer), like the console when it is not enabled.
     */
    String requireUrl() {
        return url().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "OAuth for provisioning is off on"
                + " this service: set scim-token.oauth.issuer to its public URL to turn it on."));
    }

    Optional<String> tokenEndpoint() {
        return url().map(base -> base + "/oauth2/token");
    }
}
