package com.cerby.scimtoken.common.db;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 *
 * <p>A LISTEN connection can die quietly: a half-open TCP connection (a dropped NAT entry, a failover) delivers
 * nothing and reports no error. So the listener sends a heartbeat query every
 * {@code scim-token.change-feed.heartbeat}, with a socket timeout of twice that (and as long to connect and log in): a
 * connection that does not answer in time is given up, and the reconnection makes every subscriber forget what it
 * knew.
 *
 * <p>While the database is unavailable the listener tries again every 2 s; it reports each failure to
 * {@link DatabaseOutage} (which logs an outage once) and each answer of the database, connection or heartbeat, too.
 */
@Startup
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    /** Names the listening connection in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "scim-token-change-feed";
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 2000;

    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final DatabaseOutage outage;
    private final String url;
    private final Properties connection = new Properties();
    private final Duration heartbeat;
    private volatile boolean running = true;
    private Thread listener;

    ChangeFeed(EntityManager entityManager, TransactionSynchronizationRegistry transactions, DatabaseOutage outage,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "scim-token.change-feed.heartbeat", defaultValue = "PT5S") Duration heartbeat) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.outage = outage;
        this.url = url;
        this.heartbeat = heartbeat;
        username.ifPresent(user -> connection.setProperty("user", user));
        password.ifPresent(secret -> connection.setProperty("password", secret));
        long timeoutSeconds = Math.max(1, heartbeat.multipliedBy(2).toSeconds());
        connection.setProperty("ApplicationName", APPLICATION_NAME);
        connection.setProperty("connectTimeout", Long.toString(timeoutSeconds));
        connection.setProperty("loginTimeout", Long.toString(timeoutSeconds));
        connection.setProperty("socketTimeout", Long.toString(timeoutSeconds));
        connection.setProperty("logServerErrorDetail", "false");
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

    /**
     * Publishes inside the caller's transaction, and runs {@code here} on this instance as soon as that transaction
     * commits: its own notification comes back a moment later, too late for a request that follows at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAndApply(String channel, String payload, Runnable here) {
        publish(channel, payload);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    here.run();
                }
            }
        });
    }

    private void listen() {
        boolean failed = false;
        while (running) {
            try (Connection listening = new org.postgresql.Driver().connect(url, connection);
                    Statement statement = listening.createStatement()) {
                outage.answered();
                if (failed) {
                    LOG.info("Listening for changes again; subscribers forget what they may have missed");
                    failed = false;
                }
                Set<String> channels = new HashSet<>();
                PGConnection notifications = listening.unwrap(PGConnection.class);
                long nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
                while (running) {
                    for (String channel : subscribers.keySet()) {
                        if (channels.add(channel)) {
                            statement.execute("LISTEN " + channel);
                            // Changes made before this LISTEN were not heard: tell the subscribers to forget all.
                            subscribers.get(channel).forEach(subscriber -> subscriber.accept(null));
                        }
                    }
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                        deliver(notification);
                    }
                    if (System.nanoTime() - nextHeartbeat >= 0) {
                        statement.execute("select 1");
                        outage.answered();
                        nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    failed = true;
                    outage.failed("listening for changes", DatabaseUnavailable.describe(e));
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
