package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.db.DatabaseOutage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Writes down expiries: pending verifications past their time become EXPIRED with a {@code verification.expired}
 * audit event. Reads never wait for it; they report an overdue verification as expired on their own.
 */
@ApplicationScoped
public class VerificationSweeper {

    private static final int BATCH = 500;

    private final VerificationRepository verifications;
    private final VerificationChanges changes;
    private final AuditLog audit;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final DatabaseOutage outage;

    VerificationSweeper(VerificationRepository verifications, VerificationChanges changes, AuditLog audit,
            VerificationMetrics metrics, Clock clock, DatabaseOutage outage) {
        this.verifications = verifications;
        this.changes = changes;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.outage = outage;
    }

    @Scheduled(every = "${scim-token.verification.sweep-interval:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        outage.runJob("expiry sweep", this::expireOverdue);
    }

    /** Marks one batch of overdue verifications expired; answers how many. */
    @Transactional
    public int expireOverdue() {
        Instant now = clock.instant();
        List<Verification> overdue = verifications.lockOverdue(now, BATCH);
        for (Verification verification : overdue) {
            verification.expire(now);
            audit.record(AuditEvent.of("verification.expired", verification.workspaceId(), verification.userId())
                    .verification(verification.id()));
            changes.publish(verification.id());
            metrics.decided(verification.method(), "expired");
        }
        return overdue.size();
    }
}
