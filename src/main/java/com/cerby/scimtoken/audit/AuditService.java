package com.cerby.scimtoken.audit;

import com.cerby.scimtoken.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;

@ApplicationScoped
public class AuditService {

    private final EntityManager entityManager;

    AuditService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A page of a workspace's events, newest first, optionally of one type, after the given cursor. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditPage page(String workspaceId, int limit, String cursor, String type) {
        AuditCursor after = cursor == null ? null : AuditCursor.decode(cursor).orElseThrow(
                () -> ProblemException.invalidField("cursor", "must be a nextCursor of an earlier page"));
        StringBuilder jpql = new StringBuilder("from AuditEvent e where e.workspaceId = :workspaceId");
        if (type != null) {
            jpql.append(" and e.type = :type");
        }
        if (after != null) {
            jpql.append(" and (e.occurredAt < :at or (e.occurredAt = :at and e.id < :id))");
        }
        jpql.append(" order by e.occurredAt desc, e.id desc");
        TypedQuery<AuditEvent> query = entityManager.createQuery(jpql.toString(), AuditEvent.class)
                .setParameter("workspaceId", workspaceId)
                .setMaxResults(limit + 1);
        if (type != null) {
            query.setParameter("type", type);
        }
        if (after != null) {
            query.setParameter("at", after.occurredAt()).setParameter("id", after.id());
        }
        List<AuditEvent> events = query.getResultList();
        boolean more = events.size() > limit;
        List<AuditEvent> page = more ? events.subList(0, limit) : events;
        AuditEvent last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new AuditPage(page.stream().map(AuditEventView::of).toList(),
                more ? new AuditCursor(last.occurredAt(), last.id()).encode() : null);
    }
}
