package com.cerby.scimtoken.local;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stops local mode's embedded PostgreSQL as the very last step of the service's shutdown: after the HTTP server
 * has answered the requests under way (long polls included) and after every other shutdown observer has written
 * what it keeps in memory. A process that dies without a shutdown leaves the server running; the next start
 * stops it.
 */
@ApplicationScoped
class EmbeddedDatabaseShutdown {

    void stop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent shutdown) {
        LocalModeConfigSourceFactory.stopDatabase();
    }
}
