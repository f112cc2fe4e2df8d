package com.cerby.scimtoken.audit;

import com.cerby.scimtoken.common.web.RequestOrigin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Writes audit events, stamped with the time and the request's origin. */
@ApplicationScoped
public class AuditLog {

    private final EntityManager entityManager;
    private final RequestOrigin origin;
    private final Clock clock;

    AuditLog(EntityManager entityManager, RequestOrigin origin, Clock clock) {
        this.entityManager = entityManager;
        this.origin = origin;
        this.clock = clock;
    }

    /** Records an event as part of the caller's transaction: it exists exactly when the change it describes does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent event) {
        event.stamp(clock.instant(), origin.ipAddress(), origin.userAgent());
        entityManager.persist(event);
    }

    /** Records a refused attempt in its own transaction, so it stays when the request's transaction rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(AuditEvent event) {
        record(event);
    }
}
