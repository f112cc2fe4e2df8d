package com.cerby.scimtoken.local;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Says loudly, at every local start, that this mode must never serve real workspaces. */
public class LocalModeBanner {

    private static final Logger LOG = Logger.getLogger(LocalModeBanner.class);

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = LocalModeConfigSourceFactory.DATA_DIR,
                    defaultValue = LocalModeConfigSourceFactory.DEFAULT_DATA_DIR) String dataDirectory,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        if (LocalMode.isActive()) {
            LOG.warnf("""

                    ****************************************************************************************
                    *  LOCAL MODE - NOT FOR PRODUCTION                                                     *
                    *  Embedded PostgreSQL and generated keys in %s
                    *  Anyone who can reach POST %s can mint a JWT for any user and role.
                    *  Console: %s
                    ****************************************************************************************""",
                    java.nio.file.Path.of(dataDirectory).toAbsolutePath(), LocalJwtRoute.PATH, consoleUrl(port));
        }
    }

    /** Local mode answers only on the loopback interface, at the port it listens on. */
    static String consoleUrl(int port) {
        return "http://localhost:" + port + "/console/";
    }
}
