package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.audit.AuditEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The factor that approved a verification: its kind ({@code device}, {@code totp}, {@code passkey}, or
 * {@code email}, which has no id), its id and when it was enrolled. A factor enrolled minutes before it approved
 * a reveal is worth a look; the workspace's audit log shows it.
 */
public record EnrolledFactor(String type, UUID id, Instant enrolledAt) {

    public static final EnrolledFactor EMAIL = new EnrolledFactor("email", null, null);

    /** Adds the factor to an event's details. */
    public AuditEvent describe(AuditEvent event) {
        event.detail("factorType", type);
        if (id != null) {
            event.detail("factorId", id.toString()).detail("factorEnrolledAt", enrolledAt.toString());
        }
        return event;
    }
}
