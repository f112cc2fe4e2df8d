package com.cerby.scimtoken.verification;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells long polls that a verification changed, on every instance: a change sends a PostgreSQL NOTIFY with the
 * verification id when its transaction commits, and one listening connection per instance wakes the requests
 * waiting for that id. Waiting holds no thread: a waiter is a future that the listener completes.
 */
@Startup
@ApplicationScoped
public class VerificationChanges {

    static final String CHANNEL = "scim_token_verification";
    private static final Logger LOG = Logger.getLogger(VerificationChanges.class);
    private static final int POLL_MILLIS = 1000;
    private static final long RECONNECT_MILLIS = 2000;

    private final Map<UUID, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final EntityManager entityManager;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running = true;
    private Thread listener;

    VerificationChanges(EntityManager entityManager, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.entityManager = entityManager;
        this.url = url;
        username.ifPresent(user -> credentials.setProperty("user", user));
        password.ifPresent(secret -> credentials.setProperty("password", secret));
    }

    @PostConstruct
    void startListening() {
        listener = new Thread(this::listen, "verification-changes");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stopListening() {
        running = false;
        listener.interrupt();
    }

    /** A future completed when the verification changes next; pass it to {@link #forget} when done waiting. */
    public CompletableFuture<Void> nextChange(UUID verificationId) {
        CompletableFuture<Void> change = new CompletableFuture<>();
        waiters.computeIfAbsent(verificationId, id -> ConcurrentHashMap.newKeySet()).add(change);
        return change;
    }

    public void forget(UUID verificationId, CompletableFuture<Void> change) {
        waiters.computeIfPresent(verificationId, (id, futures) -> {
            futures.remove(change);
            return futures.isEmpty() ? null : futures;
        });
    }

    /** Announces a change; PostgreSQL delivers it when the caller's transaction commits, never if it rolls back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(UUID verificationId) {
        entityManager.createNativeQuery("select pg_notify(:channel, :id)")
                .setParameter("channel", CHANNEL)
                .setParameter("id", verificationId.toString())
                .getSingleResult();
    }

    private void listen() {
        while (running) {
            try (Connection connection = new org.postgresql.Driver().connect(url, credentials);
                    Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                        wake(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Listening for verification changes failed (%s); reconnecting", e.getMessage());
                    pauseBeforeReconnect();
                }
            }
        }
    }

    private void wake(String verificationId) {
        try {
            Set<CompletableFuture<Void>> woken = waiters.remove(UUID.fromString(verificationId));
            if (woken != null) {
                woken.forEach(change -> change.complete(null));
            }
        } catch (IllegalArgumentException notAnId) {
            LOG.debugf("Ignoring a notification that is not a verification id");
        }
    }

    private void pauseBeforeReconnect() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
