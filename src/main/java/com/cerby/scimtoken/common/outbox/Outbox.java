package com.cerby.scimtoken.common.outbox;

import com.cerby.scimtoken.common.db.DatabaseOutage;
import com.cerby.scimtoken.common.tracing.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A transactional outbox: a message is written in the transaction of the change it tells about (so it exists
 * exactly when the change does) and delivered later by its channel's {@link Courier}, with retries and exponential
 * backoff. Delivery runs apart from requests, so a slow or failing gateway or SMTP server never slows or fails one.
 * Several instances share the work: each claims due rows with SKIP LOCKED and leases them while it delivers.
 * When an instance begins to shut down it claims nothing more and hands back the rows it claimed but has not begun
 * to deliver, so that another instance sends them at once instead of after the lease; before the database pool
 * closes, it waits for a delivery under way (which ends within its courier's timeout) to be recorded. With tracing
 * on, a message keeps the trace context of the request that queued it, and is delivered within it: the courier's
 * span is part of that request's trace.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final int BATCH = 20;

    private final EntityManager entityManager;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final DatabaseOutage outage;
    private final TraceContexts traces;
    /** Rows this instance claimed and has not begun to deliver; whoever removes an id delivers or releases it. */
    private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
    /** Each dispatch holds the read lock; shutdown takes the write lock to wait for the dispatches under way. */
    private final ReadWriteLock dispatching = new ReentrantReadWriteLock();
    private final Duration shutdownTimeout;
    private volatile boolean stopping;

    Outbox(EntityManager entityManager, MeterRegistry metrics, Clock clock, DatabaseOutage outage,
            TraceContexts traces,
            @ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "PT20S") Duration shutdownTimeout) {
        this.entityManager = entityManager;
        this.metrics = metrics;
        this.clock = clock;
        this.outage = outage;
        this.traces = traces;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String channel, String payload) {
        entityManager.persist(OutboxMessage.of(channel, payload, clock.instant(), traces.capture()));
    }

    /** Delivers every message of the courier's channel that is due now; answers how many were tried. */
    int dispatchDue(Courier courier) {
        if (stopping) {
            return 0;
        }
        dispatching.readLock().lock();
        try {
            List<OutboxMessage> due = QuarkusTransaction.requiringNew().call(() -> claimDue(courier));
            due.forEach(message -> claimed.add(message.id()));
            if (stopping) {
                releaseClaimed();
            }
            int tried = 0;
            for (OutboxMessage message : due) {
                if (claimed.remove(message.id())) {
                    String error;
                    // Only the delivery joins the queuing request's trace, not the bookkeeping around it.
                    try (Scope trace = traces.restore(message.trace())) {
                        error = courier.deliver(message.payload());
                    }
                    QuarkusTransaction.requiringNew().run(() -> record(message.id(), error, courier.retryPolicy()));
                    tried++;
                }
            }
            return tried;
        } finally {
            dispatching.readLock().unlock();
        }
    }

    /** A scheduled turn of {@link #dispatchDue}; a turn that finds the database unavailable ends quietly. */
    void dispatchScheduled(Courier courier) {
        outage.runJob(courier.channel().toLowerCase(Locale.ROOT) + " delivery", () -> dispatchDue(courier));
    }

    /** Shutdown begins (readiness is down): claim nothing more, and hand back what is claimed but not yet sent. */
    void stopClaiming(@Observes ShutdownDelayInitiatedEvent shutdown) {
        stopping = true;
        outage.runJob("releasing claimed messages", this::releaseClaimed);
    }

    /** The end of shutdown, before the database pool closes: the deliveries under way are recorded. */
    void awaitDeliveries(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (dispatching.writeLock().tryLock(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            dispatching.writeLock().unlock();
        }
    }

    private void releaseClaimed() {
        List<UUID> released = new ArrayList<>();
        for (UUID id : claimed) {
            if (claimed.remove(id)) {
                released.add(id);
            }
        }
        if (!released.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "update outbox set next_attempt_at = :now where id in (:ids) and status = 'PENDING'")
                    .setParameter("now", clock.instant())
                    .setParameter("ids", released)
                    .executeUpdate());
            LOG.infof("Released %d claimed outbox messages for another instance", released.size());
        }
    }

    /** Takes due rows no other instance holds and leases them for the time a delivery may take. */
    private List<OutboxMessage> claimDue(Courier courier) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<OutboxMessage> due = entityManager.createNativeQuery("""
                select * from outbox where channel = :channel and status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at limit :batch for update skip locked""", OutboxMessage.class)
                .setParameter("channel", courier.channel())
                .setParameter("now", now)
                .setParameter("batch", BATCH)
                .getResultList();
        if (!due.isEmpty()) {
            entityManager.createNativeQuery("update outbox set next_attempt_at = :lease where id in (:ids)")
                    .setParameter("lease", now.plus(courier.retryPolicy().timeout().multipliedBy(2)))
                    .setParameter("ids", due.stream().map(OutboxMessage::id).toList())
                    .executeUpdate();
            due.forEach(entityManager::detach);
        }
        return due;
    }

    private void record(UUID id, String error, RetryPolicy policy) {
        OutboxMessage message = entityManager.find(OutboxMessage.class, id);
        String counter = "scim_token_" + message.channel().toLowerCase(Locale.ROOT) + "_deliveries";
        Instant now = clock.instant();
        if (error == null) {
            message.delivered(now);
            metrics.counter(counter, "outcome", "sent").increment();
            return;
        }
        message.failed(error, now, policy);
        if (message.status() == OutboxMessage.Status.FAILED) {
            LOG.warnf("Gave up the %s message %s after %d tries: %s", message.channel(), id, message.attempts(), error);
            metrics.counter(counter, "outcome", "failed").increment();
        } else {
            LOG.debugf("The %s message %s failed (%s); retrying", message.channel(), id, error);
            metrics.counter(counter, "outcome", "retried").increment();
        }
    }
}
