package com.cerby.scimtoken.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One audited step. Never holds a token, secret or code: {@code details} carries only non-secret context. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    private UUID id;

    @Column(name = "workspace_id", updatable = false)
    private String workspaceId;

    @Column(nullable = false, updatable = false)
    private String type;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor_id", updatable = false)
    private String actorId;

    @Column(name = "verification_id", updatable = false)
    private UUID verificationId;

    @Column(name = "device_id", updatable = false)
    private UUID deviceId;

    @Column(name = "token_id", updatable = false)
    private UUID tokenId;

    @Column(name = "ip_address", updatable = false)
    private String ipAddress;

    @Column(name = "user_agent", updatable = false)
    private String userAgent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    private Map<String, Object> details = new LinkedHashMap<>();

    protected AuditEvent() {
    }

    /** A new event of the given type in a workspace (null for events outside any workspace), by an actor. */
    public static AuditEvent of(String type, String workspaceId, String actorId) {
        AuditEvent event = new AuditEvent();
        event.id = UUID.randomUUID();
        event.type = type;
        event.workspaceId = workspaceId;
        event.actorId = actorId;
        return event;
    }

    public AuditEvent verification(UUID verificationId) {
        this.verificationId = verificationId;
        return this;
    }

    public AuditEvent device(UUID deviceId) {
        this.deviceId = deviceId;
        return this;
    }

    public AuditEvent token(UUID tokenId) {
        this.tokenId = tokenId;
        return this;
    }

    public AuditEvent detail(String name, Object value) {
        // An absent value is left out: details() answers an immutable map, which holds no nulls.
        if (value != null) {
            details.put(name, value);
        }
        return this;
    }

    void stamp(Instant now, String ipAddress, String userAgent) {
        // PostgreSQL keeps microseconds; cut here too so that a page cursor equals the stored value.
        this.occurredAt = now.truncatedTo(ChronoUnit.MICROS);
        this.ipAddress = ipAddress;
        this.userAgent = userAgent;
    }

    public UUID id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String type() {
        return type;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actorId() {
        return actorId;
    }

    public UUID verificationId() {
        return verificationId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public UUID tokenId() {
        return tokenId;
    }

    public String ipAddress() {
        return ipAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    public Map<String, Object> details() {
        // Rows stored before absent values were left out hold a JSON null (a rotation after a revocation had no
        // previousTokenId): their page of the audit log answered 500.
        return details.entrySet().stream().filter(entry -> entry.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
