package com.cerby.scimtoken.common.outbox;

import com.cerby.scimtoken.common.db.DatabaseOutage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A transactional outbox: a message is written in the transaction of the change it tells about (so it exists
 * exactly when the change does) and delivered later by its channel's {@link Courier}, with retries and exponential
 * backoff. Delivery runs apart from requests, so a slow or failing gateway or SMTP server never slows or fails one.
 * Several instances share the work: each claims due rows with SKIP LOCKED and leases them while it delivers.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final int BATCH = 20;

    private final EntityManager entityManager;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final DatabaseOutage outage;

    Outbox(EntityManager entityManager, MeterRegistry metrics, Clock clock, DatabaseOutage outage) {
        this.entityManager = entityManager;
        this.metrics = metrics;
        this.clock = clock;
        this.outage = outage;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String channel, String payload) {
        entityManager.persist(OutboxMessage.of(channel, payload, clock.instant()));
    }

    /** Delivers every message of the courier's channel that is due now; answers how many were tried. */
    int dispatchDue(Courier courier) {
        List<OutboxMessage> due = QuarkusTransaction.requiringNew().call(() -> claimDue(courier));
        for (OutboxMessage message : due) {
            String error = courier.deliver(message.payload());
            QuarkusTransaction.requiringNew().run(() -> record(message.id(), error, courier.retryPolicy()));
        }
        return due.size();
    }

    /** A scheduled turn of {@link #dispatchDue}; a turn that finds the database unavailable ends quietly. */
    void dispatchScheduled(Courier courier) {
        outage.runJob(courier.channel().toLowerCase(Locale.ROOT) + " delivery", () -> dispatchDue(courier));
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
