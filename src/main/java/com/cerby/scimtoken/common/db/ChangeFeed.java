package com.cerby.scimtoken.common.db;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Change notifications between the instances that share the database, over PostgreSQL LISTEN/NOTIFY. A change is
 * published inside its transaction and delivered when it commits (never when it rolls back), to every instance,
 * this one included. One connection per instance listens. Whenever it starts listening on a channel (at start, on
 * a late subscription, after a reconnection) the channel's subscribers hear a {@code null} payload, meaning
 * "anything may have changed": what happened before the LISTEN was not heard.
 */
@Startup
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 2000;

    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final EntityManager entityManager;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running = true;
    private Thread listener;

    ChangeFeed(EntityManager entityManager, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.entityManager = entityManager;
        this.url = url;
        username.ifPresent(user -> credentials.setProperty("user", user));
        password.ifPresent(secret -> credentials.setProperty("password", secret));
    }

    @PostConstruct
    void startListening() {
        listener = new Thread(this::listen, "change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stopListening() {
        running = false;
        listener.interrupt();
    }

    /** Calls the subscriber with the payload of every notification on the channel (channels: [a-z_]+). */
    public void subscribe(String channel, Consumer<String> subscriber) {
        subscribers.computeIfAbsent(channel, name -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String channel, String payload) {
        entityManager.createNativeQuery("select pg_notify(:channel, :payload)")
                .setParameter("channel", channel)
                .setParameter("payload", payload)
                .getSingleResult();
    }

    private void listen() {
        while (running) {
            try (Connection connection = new org.postgresql.Driver().connect(url, credentials);
                    Statement statement = connection.createStatement()) {
                Set<String> listening = new HashSet<>();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    for (String channel : subscribers.keySet()) {
                        if (listening.add(channel)) {
                            statement.execute("LISTEN " + channel);
                            // Changes made before this LISTEN were not heard: tell the subscribers to forget all.
                            subscribers.get(channel).forEach(subscriber -> subscriber.accept(null));
                        }
                    }
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                        deliver(notification);
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Listening for changes failed (%s); reconnecting", e.getMessage());
                    pauseBeforeReconnect();
                }
            }
        }
    }

    private void deliver(PGNotification notification) {
        for (Consumer<String> subscriber : subscribers.getOrDefault(notification.getName(), List.of())) {
            try {
                subscriber.accept(notification.getParameter());
            } catch (RuntimeException e) {
                LOG.warnf("A change subscriber of %s failed: %s", notification.getName(), e.getMessage());
            }
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
