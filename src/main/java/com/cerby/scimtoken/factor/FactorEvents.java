package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.web.RequestOrigin;
import com.cerby.scimtoken.mail.Notice;
import com.cerby.scimtoken.mail.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Records a change of the caller's factors, in the change's transaction: an audit event (listed in the user's
 * security feed) and, when the deployment sends mail, a notice to the user's email, so that a change the user
 * did not make does not go unseen.
 */
@ApplicationScoped
public class FactorEvents {

    static final String NOTICE_SUBJECT = "Security alert: your sign-in factors changed";

    private final AuditLog audit;
    private final Notices notices;
    private final Caller caller;
    private final RequestOrigin origin;
    private final Clock clock;

    FactorEvents(AuditLog audit, Notices notices, Caller caller, RequestOrigin origin, Clock clock) {
        this.audit = audit;
        this.notices = notices;
        this.caller = caller;
        this.origin = origin;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(FactorChange change, UUID factorId, String factorName) {
        changed(change, factorId, factorName, Map.of(), "");
    }

    /**
     * A change with details beyond the factor (how many recovery codes are left, never a code), and a remark for the
     * user's notice after its first sentence (empty for none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(FactorChange change, UUID factorId, String factorName, Map<String, ?> details,
            String remark) {
        AuditEvent event = AuditEvent.of(change.event(), caller.workspaceId(), caller.userId())
                .detail("factorId", factorId.toString());
        if (factorName != null) {
            event.detail("name", factorName);
        }
        details.forEach(event::detail);
        if (change.isDevice()) {
            event.device(factorId);
        }
        audit.record(event);
        caller.email().ifPresent(to -> notices.send(new Notice(to, NOTICE_SUBJECT, """
                On your account %s, %s%s was %s at %s (UTC), from %s (%s).%s

                If this was you, there is nothing to do. If it was not, someone may be using your session: sign out \
                everywhere, remove what they added, and tell an owner of your workspace.
                """.formatted(caller.userId(), change.factor(), factorName == null ? "" : " (\"" + factorName + "\")",
                change.verb(), DateTimeFormatter.ISO_INSTANT.format(clock.instant()),
                origin.ipAddress(), origin.userAgent(), remark.isEmpty() ? "" : " " + remark))));
    }
}
