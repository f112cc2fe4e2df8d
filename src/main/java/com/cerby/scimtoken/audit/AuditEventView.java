package com.cerby.scimtoken.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public record AuditEventView(UUID id, String type, Instant occurredAt, String actorId, UUID verificationId,
        UUID deviceId, UUID tokenId, String ipAddress, String userAgent, Map<String, Object> details) {

    static AuditEventView of(AuditEvent event) {
        return new AuditEventView(event.id(), event.type(), event.occurredAt(), event.actorId(),
                event.verificationId(), event.deviceId(), event.tokenId(), event.ipAddress(), event.userAgent(),
                event.details());
    }
}
