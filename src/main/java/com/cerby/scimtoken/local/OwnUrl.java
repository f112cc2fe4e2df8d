package com.cerby.scimtoken.local;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * The service's public base URL when a setting names none: where the service runs for one person on their machine
 * (local mode, tests), its own {@code http://localhost:<the port it really listens on>}; anywhere else none. Never a
 * request's Host header, which is the caller's to choose: links and token issuers must not point where a caller says.
 */
@ApplicationScoped
public class OwnUrl {

    private final Instance<HttpServer> server;
    private final boolean localhostIsPublic = LaunchMode.current().isDevOrTest() || LocalMode.isActive();

    OwnUrl(Instance<HttpServer> server) {
        this.server = server;
    }

    /** The configured base URL; without one, the local URL where there is one. */
    public Optional<String> orConfigured(Optional<String> configured) {
        if (configured.isPresent() || !localhostIsPublic || !server.isResolvable()) {
            return configured;
        }
        int port = server.get().getPort();
        return port > 0 ? Optional.of("http://localhost:" + port) : Optional.empty();
    }
}
