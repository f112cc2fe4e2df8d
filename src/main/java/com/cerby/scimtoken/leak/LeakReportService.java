package com.cerby.scimtoken.leak;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.owners.OwnerNotices;
import com.cerby.scimtoken.scimtoken.ScimToken;
import com.cerby.scimtoken.scimtoken.ScimTokenService;
import com.cerby.scimtoken.scimtoken.TokenFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Acts on leak reports: an active token of ours (current or in its grace period) is revoked at once (or, with
 * {@code action=notify}, left working), the report is audited with where the token was found, and the workspace's
 * owners are told. An unknown, malformed or already inactive token changes nothing, so a report sent twice is
 * harmless.
 */
@ApplicationScoped
public class LeakReportService {

    static final String AUDIT_TYPE = "scim_token.leak_reported";

    private final ScimTokenService tokens;
    private final OwnerNotices owners;
    private final AuditLog audit;
    private final LeakReportsConfig config;
    private final Clock clock;

    LeakReportService(ScimTokenService tokens, OwnerNotices owners, AuditLog audit, LeakReportsConfig config,
            Clock clock) {
        this.tokens = tokens;
        this.owners = owners;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public List<LeakFeedback> handle(List<LeakReport> reports) {
        return reports.stream().map(this::handle).toList();
    }

    private LeakFeedback handle(LeakReport report) {
        Optional<ScimToken> ours = TokenFormat.isWellFormed(report.token())
                ? tokens.lockedByValue(report.token())
                : Optional.empty();
        ours.filter(token -> token.isActiveAt(clock.instant())).ifPresent(token -> act(token, report));
        return new LeakFeedback(HexFormat.of().formatHex(TokenFormat.lookupHash(report.token())), report.type(),
                ours.isPresent() ? LeakFeedback.TRUE_POSITIVE : LeakFeedback.FALSE_POSITIVE);
    }

    private void act(ScimToken token, LeakReport report) {
        boolean revoke = config.action() == LeakReportsConfig.Action.REVOKE;
        if (revoke) {
            tokens.revokeLeaked(token);
        }
        audit.record(AuditEvent.of(AUDIT_TYPE, token.workspaceId(), null).token(token.id())
                .detail("url", report.url()).detail("source", report.source()).detail("type", report.type())
                .detail("action", revoke ? "revoked" : "notified"));
        owners.leaked(token.workspaceId(), token.hint(), report.url(), revoke);
    }
}
