package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;
import static com.cerby.scimtoken.verification.VerificationEvents.name;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.web.RequestOrigin;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The requester's side of a verification: starting one (the method's own handler begins it), reading it, and
 * cancelling it. Completion belongs to each method ({@link PushMethod}, {@link CodeSubmissions}), spending an
 * approval to {@link Grants}.
 */
@Startup
@ApplicationScoped
public class VerificationService {

    static final Duration MAX_TTL = Duration.ofMinutes(10);

    private final Map<VerificationMethod, VerificationMethodHandler> handlers = new EnumMap<>(VerificationMethod.class);
    private final VerificationRepository verifications;
    private final VerificationEvents events;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final VerificationMetrics metrics;
    private final Caller caller;
    private final RequestOrigin origin;
    private final VerificationConfig config;
    private final Clock clock;

    VerificationService(Instance<VerificationMethodHandler> handlers, VerificationRepository verifications,
            VerificationEvents events, AdvisoryLocks locks, AuditLog audit, VerificationMetrics metrics,
            Caller caller, RequestOrigin origin, VerificationConfig config, Clock clock) {
        requireValidTtl(config.ttl());
        handlers.forEach(handler -> this.handlers.put(handler.method(), handler));
        this.verifications = verifications;
        this.events = events;
        this.locks = locks;
        this.audit = audit;
        this.metrics = metrics;
        this.caller = caller;
        this.origin = origin;
        this.config = config;
        this.clock = clock;
    }

    /** The contract allows verifications to live at most 10 minutes; a wrong setting stops the start. */
    static void requireValidTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("scim-token.verification.ttl must be between 1 second and 10 minutes");
        }
    }

    @Transactional
    public VerificationView start(String workspaceId, StartVerificationRequest request) {
        VerificationAction action = request == null || request.action() == null ? VerificationAction.REVEAL
                : request.action();
        VerificationMethod method = request == null || request.method() == null ? VerificationMethod.PUSH
                : request.method();
        if (action.allowedRoles().stream().noneMatch(caller::hasRole)) {
            throw new ProblemException(ProblemType.ROLE_NOT_ALLOWED,
                    "Your workspace role may not start a verification for " + name(action) + ".");
        }
        Instant now = clock.instant();
        VerificationMethodHandler handler = handlers.get(method);
        locks.lock("verification-start:" + caller.userId());
        try {
            if (!handler.allows(action)) {
                throw new ProblemException(ProblemType.VERIFICATION_METHOD_NOT_ALLOWED, "Method " + name(method)
                        + " may not confirm an attempt to " + action.purpose() + "; use another method.");
            }
            handler.requireAvailable(caller.userId(), now);
            requireFewPending(now);
        } catch (ProblemException refused) {
            audit.recordFailure(AuditEvent.of("verification.start_refused", workspaceId, caller.userId())
                    .detail("method", name(method)).detail("action", name(action)).detail("code", refused.type().code()));
            throw refused;
        }
        Verification verification = Verification.start(workspaceId, caller.userId(), action, method,
                origin.ipAddress(), origin.userAgent(), now, config.ttl());
        audit.record(event("verification.started", verification).detail("method", name(method))
                .detail("action", name(action)));
        handler.begin(verification);
        verifications.persist(verification);
        metrics.started(method);
        return VerificationView.started(verification, now, config.pollInterval().toSeconds());
    }

    private void requireFewPending(Instant now) {
        List<Instant> pending = verifications.pendingExpiries(caller.userId(), now, config.maxPending());
        if (pending.size() >= config.maxPending()) {
            throw new ProblemException(ProblemType.TOO_MANY_VERIFICATIONS, "At most " + config.maxPending()
                    + " verifications may be pending; finish or cancel one.", Duration.between(now, pending.get(0)));
        }
    }

    /** A read in the request's session, without a transaction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VerificationView get(String workspaceId, UUID id, String userId) {
        return view(verifications.requireOwned(workspaceId, id, userId), clock.instant());
    }

    /**
     * A read in a session of its own, for a long poll that resumes after a change: the request's session still
     * holds the state it read before the wait.
     */
    @Transactional
    public VerificationView reread(String workspaceId, UUID id, String userId) {
        return view(verifications.requireOwned(workspaceId, id, userId), clock.instant());
    }

    /** When a pending verification will expire, so that a long poll does not outlive it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration timeLeft(String workspaceId, UUID id, String userId) {
        Duration left = Duration.between(clock.instant(), verifications.requireOwned(workspaceId, id, userId)
                .expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Transactional
    public void cancel(String workspaceId, UUID id) {
        Verification verification = verifications.requireOwned(workspaceId, id, caller.userId());
        verification.cancel(clock.instant());
        verifications.flushOrNotPending();
        events.decided(verification, event("verification.cancelled", verification), "cancelled");
    }

    private VerificationView view(Verification verification, Instant now) {
        return VerificationView.of(verification, now, config.pollInterval().toSeconds());
    }
}
