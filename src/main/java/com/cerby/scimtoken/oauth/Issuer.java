package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.local.LocalMode;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServer;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * The authorization server's issuer URL: {@code scim-token.oauth.issuer}, or, where the service runs for one person
 * on their machine (local mode, tests), its own {@code http://localhost:<port>}, as the email links do.
 */
@ApplicationScoped
public class Issuer {

    private final Optional<String> configured;
    private final Instance<HttpServer> server;
    private final boolean localhostIsPublic = LaunchMode.current().isDevOrTest() || LocalMode.isActive();

    Issuer(OAuthConfig config, Instance<HttpServer> server) {
        this.configured = config.issuer().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.server = server;
    }

    Optional<String> url() {
        if (configured.isPresent() || !localhostIsPublic || !server.isResolvable()) {
            return configured;
        }
        int port = server.get().getPort();
        return port > 0 ? Optional.of("http://localhost:" + port) : Optional.empty();
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
