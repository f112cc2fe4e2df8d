package com.cerby.scimtoken.audit;

import com.cerby.scimtoken.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class AuditService {

    private final EntityManager entityManager;

    AuditService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A page of a workspace's events, newest first, optionally of one type, after the given cursor. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditPage page(String workspaceId, int limit, String cursor, String type) {
        return type == null
                ? page("e.workspaceId = :workspaceId", Map.of("workspaceId", workspaceId), limit, cursor)
                : page("e.workspaceId = :workspaceId and e.type = :type",
                        Map.of("workspaceId", workspaceId, "type", type), limit, cursor);
    }

    /** A page of the events of the given types that a user caused, in any workspace, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditPage pageOfActor(String actorId, List<String> types, int limit, String cursor) {
        return page("e.actorId = :actorId and e.type in :types", Map.of("actorId", actorId, "types", types), limit,
                cursor);
    }

    private AuditPage page(String condition, Map<String, Object> parameters, int limit, String cursor) {
        AuditCursor after = cursor == null ? null : AuditCursor.decode(cursor).orElseThrow(
                () -> ProblemException.invalidField("cursor", "must be a nextCursor of an earlier page"));
        String jpql = "from AuditEvent e where " + condition
                + (after == null ? "" : " and (e.occurredAt < :at or (e.occurredAt = :at and e.id < :id))")
                + " order by e.occurredAt desc, e.id desc";
        TypedQuery<AuditEvent> query = entityManager.createQuery(jpql, AuditEvent.class).setMaxResults(limit + 1);
        parameters.forEach(query::setParameter);
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
