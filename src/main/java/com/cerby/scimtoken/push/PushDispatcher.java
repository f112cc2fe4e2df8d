package com.cerby.scimtoken.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Delivers queued notifications to the gateway, signed with HMAC-SHA256, retrying with exponential backoff. It
 * runs apart from the requests that queue them, so a slow or failing gateway never slows or fails a request.
 * Several instances share the work: each claims due rows with SKIP LOCKED and a lease.
 */
@ApplicationScoped
public class PushDispatcher {

    public static final String SIGNATURE_HEADER = "X-Signature-256";
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class);
    private static final int BATCH = 20;

    private final EntityManager entityManager;
    private final PushConfig config;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final HttpClient http;

    PushDispatcher(EntityManager entityManager, PushConfig config, MeterRegistry metrics, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Scheduled(every = "${scim-token.push.dispatch-interval:PT1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.gatewayUrl().isPresent()) {
            dispatchDue();
        }
    }

    /** Sends every notification that is due now; answers how many were tried. */
    public int dispatchDue() {
        URI gateway = config.gatewayUrl().orElseThrow();
        List<PushOutbox> due = QuarkusTransaction.requiringNew().call(this::claimDue);
        for (PushOutbox notification : due) {
            String error = deliver(gateway, notification.payload());
            QuarkusTransaction.requiringNew().run(() -> record(notification.id(), error));
        }
        return due.size();
    }

    /** Takes due rows no other instance holds and leases them for the time a delivery may take. */
    private List<PushOutbox> claimDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<PushOutbox> due = entityManager.createNativeQuery("""
                select * from push_outbox where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at limit :batch for update skip locked""", PushOutbox.class)
                .setParameter("now", now)
                .setParameter("batch", BATCH)
                .getResultList();
        if (!due.isEmpty()) {
            entityManager.createNativeQuery("update push_outbox set next_attempt_at = :lease where id in (:ids)")
                    .setParameter("lease", now.plus(config.timeout().multipliedBy(2)))
                    .setParameter("ids", due.stream().map(PushOutbox::id).toList())
                    .executeUpdate();
            due.forEach(entityManager::detach);
        }
        return due;
    }

    /** POSTs one payload; answers null on a 2xx, otherwise what went wrong. */
    private String deliver(URI gateway, String payload) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(gateway)
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, "sha256=" + signature(payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2 ? null : "gateway answered " + answer.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private void record(UUID id, String error) {
        PushOutbox notification = entityManager.find(PushOutbox.class, id);
        Instant now = clock.instant();
        if (error == null) {
            notification.delivered(now);
            metrics.counter("scim_token_push_deliveries", "outcome", "sent").increment();
            return;
        }
        notification.failed(error, now, config);
        if (notification.status() == PushOutbox.Status.FAILED) {
            LOG.warnf("Gave up the push notification %s of verification %s after %d tries: %s", id,
                    notification.verificationId(), notification.attempts(), error);
            metrics.counter("scim_token_push_deliveries", "outcome", "failed").increment();
        } else {
            LOG.debugf("Push notification %s failed (%s); retrying", id, error);
            metrics.counter("scim_token_push_deliveries", "outcome", "retried").increment();
        }
    }

    String signature(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.gatewaySecret().orElseThrow().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
