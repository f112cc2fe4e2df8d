package com.cerby.scimtoken.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * PostgreSQL transaction-scoped advisory locks: serialise the check-then-write steps of one subject (a workspace's
 * token, a user's devices) across every instance sharing the database. Released at commit or rollback.
 */
@ApplicationScoped
public class AdvisoryLocks {

    private final EntityManager entityManager;

    AdvisoryLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String subject) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:subject, 0))")
                .setParameter("subject", subject)
                .getSingleResult();
    }
}
