package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Locale;

/**
 * What every step of a verification leaves behind, in the step's transaction: its audit event, the change
 * notification that wakes long polls on every instance, and the metric of its outcome.
 */
@ApplicationScoped
public class VerificationEvents {

    private final AuditLog audit;
    private final VerificationChanges changes;
    private final VerificationMetrics metrics;

    VerificationEvents(AuditLog audit, VerificationChanges changes, VerificationMetrics metrics) {
        this.audit = audit;
        this.changes = changes;
        this.metrics = metrics;
    }

    /** An event of the verification, by its user; add details before recording it. */
    static AuditEvent event(String type, Verification verification) {
        return AuditEvent.of(type, verification.workspaceId(), verification.userId()).verification(verification.id());
    }

    /** A decision (approved, denied, reported, cancelled, failed): audited, announced and counted. */
    @Transactional(Transactional.TxType.MANDATORY)
    void decided(Verification verification, AuditEvent event, String outcome) {
        audit.record(event);
        changes.publish(verification.id());
        metrics.decided(verification.method(), outcome);
    }

    /** A step that is no decision (a wrong code): audited and announced. */
    @Transactional(Transactional.TxType.MANDATORY)
    void changed(Verification verification, AuditEvent event) {
        audit.record(event);
        changes.publish(verification.id());
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
