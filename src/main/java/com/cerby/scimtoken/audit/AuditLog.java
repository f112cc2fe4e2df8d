package com.cerby.scimtoken.audit;

import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.common.web.RequestOrigin;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/** Writes audit events, stamped with the time and the request's origin. */
@ApplicationScoped
public class AuditLog {

    /** The member of a collapsed refusal's {@code details} that counts the refusals it stands for. */
    public static final String COUNT = "count";

    private final EntityManager entityManager;
    private final RequestOrigin origin;
    private final Clock clock;
    private final ObjectMapper json;

    AuditLog(EntityManager entityManager, RequestOrigin origin, Clock clock, ObjectMapper json) {
        this.entityManager = entityManager;
        this.origin = origin;
        this.clock = clock;
        this.json = json;
    }

    /** Records an event as part of the caller's transaction: it exists exactly when the change it describes does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent event) {
        event.stamp(clock.instant(), origin.ipAddress(), origin.userAgent());
        entityManager.persist(event);
    }

    /**
     * Records a refused attempt in its own transaction, so it stays when the request's transaction rolls back.
     * Refusals cost an attacker nothing, so they must not be able to push a real change out of sight: the refusals
     * of one user, in one workspace, of one kind (the event's type and details) and in one minute are one row,
     * written by the first of them, whose {@code details.count} the later ones raise. The row keeps the first
     * refusal's time, id and origin, so the pages of the log do not move under a reader's cursor. Details must
     * therefore say what kind of refusal it was (a problem code, the change refused), never something the caller
     * chooses freely (a verification id goes in its column, which the first refusal fills).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(AuditEvent event) {
        Instant now = clock.instant();
        event.stamp(now, origin.ipAddress(), origin.userAgent());
        Map<String, Object> details = new LinkedHashMap<>(event.details());
        details.put(COUNT, 1);
        // One statement, serialised by the unique key: concurrent refusals neither lose a count nor add a row.
        @SuppressWarnings("unchecked")
        NativeQuery<Object> upsert = entityManager.createNativeQuery("""
                insert into audit_event (id, workspace_id, type, occurred_at, actor_id, verification_id, device_id,
                                         token_id, ip_address, user_agent, details, collapse_key)
                values (:id, :workspaceId, :type, :occurredAt, :actorId, :verificationId, :deviceId, :tokenId,
                        :ipAddress, :userAgent, cast(:details as jsonb), :collapseKey)
                on conflict (collapse_key) do update
                set details = jsonb_set(audit_event.details, '{count}',
                                        to_jsonb(coalesce((audit_event.details->>'count')::bigint, 1) + 1))""")
                .unwrap(NativeQuery.class);
        upsert.setParameter("id", event.id(), UUID.class)
                .setParameter("workspaceId", event.workspaceId(), String.class)
                .setParameter("type", event.type(), String.class)
                .setParameter("occurredAt", event.occurredAt(), Instant.class)
                .setParameter("actorId", event.actorId(), String.class)
                .setParameter("verificationId", event.verificationId(), UUID.class)
                .setParameter("deviceId", event.deviceId(), UUID.class)
                .setParameter("tokenId", event.tokenId(), UUID.class)
                .setParameter("ipAddress", event.ipAddress(), String.class)
                .setParameter("userAgent", event.userAgent(), String.class)
                .setParameter("details", toJson(details), String.class)
                .setParameter("collapseKey", collapseKey(event, now), byte[].class)
                .executeUpdate();
    }

    /** What makes two refusals one entry: workspace, user, type, details and minute, as a SHA-256. */
    private byte[] collapseKey(AuditEvent event, Instant now) {
        return Sha256.of(String.join("\n", Objects.requireNonNullElse(event.workspaceId(), ""),
                Objects.requireNonNullElse(event.actorId(), ""), event.type(),
                toJson(new TreeMap<>(event.details())), now.truncatedTo(ChronoUnit.MINUTES).toString()));
    }

    private String toJson(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit details are plain values and always serialise", e);
        }
    }
}
