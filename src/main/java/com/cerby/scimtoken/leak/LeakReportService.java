package com.cerby.scimtoken.leak;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.oauth.LeakedSecrets;
import com.cerby.scimtoken.oauth.SecretFormat;
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
 * Acts on leak reports: an active token (or OAuth client secret) of ours (current or in its grace period) is revoked at once (or, with
 * {@code action=notify}, left working), the report is audited with where the token was found, and the workspace's
 * owners are told. An unknown, malformed or already inactive token changes nothing, so a report sent twice is
 * harmless.
 */
@ApplicationScoped
public class LeakReportService {

    static final String AUDIT_TYPE = "scim_token.leak_reported";
    static final String SECRET_AUDIT_TYPE = "oauth_client.secret_leak_reported";

    private final ScimTokenService tokens;
    private final LeakedSecrets secrets;
    private final OwnerNotices owners;
    private final AuditLog audit;
    private final LeakReportsConfig config;
    private final Clock clock;

    LeakReportService(ScimTokenService tokens, LeakedSecrets secrets, OwnerNotices owners, AuditLog audit,
            LeakReportsConfig config, Clock clock) {
        this.tokens = tokens;
        this.secrets = secrets;
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
        if (SecretFormat.isWellFormed(report.token())) {
            return handleClientSecret(report);
        }
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

    /**
     * An OAuth client secret ({@code scimcs_}): an active one is revoked (or only notified) like a token. Unlike a
     * revoked token, a revoked secret is deleted, so only an active secret is labelled a true positive: an unknown,
     * expired or already revoked one answers exactly as an unknown token does.
     */
    private LeakFeedback handleClientSecret(LeakReport report) {
        Optional<LeakedSecrets.LeakedSecret> active = secrets.lockedActive(report.token());
        active.ifPresent(secret -> {
            boolean revoke = config.action() == LeakReportsConfig.Action.REVOKE;
            if (revoke) {
                secrets.revoke(secret);
            }
            audit.record(AuditEvent.of(SECRET_AUDIT_TYPE, secret.workspaceId(), null)
                    .detail("clientId", secret.clientId().toString()).detail("secretId", secret.secretId().toString())
                    .detail("hint", secret.hint()).detail("url", report.url()).detail("source", report.source())
                    .detail("type", report.type()).detail("action", revoke ? "revoked" : "notified"));
            owners.leakedClientSecret(secret.workspaceId(), secret.clientName(), secret.hint(), report.url(), revoke);
        });
        return new LeakFeedback(HexFormat.of().formatHex(SecretFormat.lookupHash(report.token())), report.type(),
                active.isPresent() ? LeakFeedback.TRUE_POSITIVE : LeakFeedback.FALSE_POSITIVE);
    }
}
