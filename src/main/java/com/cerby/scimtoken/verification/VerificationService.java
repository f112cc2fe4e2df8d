package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.web.RequestOrigin;
import com.cerby.scimtoken.device.DeviceAssertionVerifier;
import com.cerby.scimtoken.device.DeviceDecision;
import com.cerby.scimtoken.device.DeviceService;
import com.cerby.scimtoken.device.InvalidAssertionException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Startup
@ApplicationScoped
public class VerificationService {

    static final Duration MAX_TTL = Duration.ofMinutes(10);

    private final VerificationRepository verifications;
    private final DeviceService devices;
    private final DeviceAssertionVerifier assertions;
    private final EntityManager entityManager;
    private final AuditLog audit;
    private final Caller caller;
    private final RequestOrigin origin;
    private final VerificationConfig config;
    private final SecureRandom random;
    private final Clock clock;

    VerificationService(VerificationRepository verifications, DeviceService devices, DeviceAssertionVerifier assertions,
            EntityManager entityManager, AuditLog audit, Caller caller, RequestOrigin origin, VerificationConfig config,
            SecureRandom random, Clock clock) {
        if (config.ttl().isNegative() || config.ttl().isZero() || config.ttl().compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("scim-token.verification.ttl must be between 1 second and 10 minutes");
        }
        this.verifications = verifications;
        this.devices = devices;
        this.assertions = assertions;
        this.entityManager = entityManager;
        this.audit = audit;
        this.caller = caller;
        this.origin = origin;
        this.config = config;
        this.random = random;
        this.clock = clock;
    }

    @Transactional
    public VerificationView start(String workspaceId, StartVerificationRequest request) {
        VerificationAction action = request == null || request.action() == null ? VerificationAction.REVEAL
                : request.action();
        VerificationMethod method = request == null || request.method() == null ? VerificationMethod.PUSH
                : request.method();
        if (action.allowedRoles().stream().noneMatch(caller::hasRole)) {
            throw new ProblemException(ProblemType.ROLE_NOT_ALLOWED,
                    "Only workspace owners may " + name(action) + " the SCIM token.");
        }
        Instant now = clock.instant();
        try {
            requireEnrolled(method, now);
        } catch (ProblemException refused) {
            audit.recordFailure(AuditEvent.of("verification.start_refused", workspaceId, caller.userId())
                    .detail("method", name(method)).detail("action", name(action)).detail("code", refused.type().code()));
            throw refused;
        }
        Verification verification = Verification.start(workspaceId, caller.userId(), action, method,
                method == VerificationMethod.PUSH ? 10 + random.nextInt(90) : null,
                origin.ipAddress(), origin.userAgent(), now, config.ttl());
        verifications.persist(verification);
        audit.record(event("verification.started", verification).detail("method", name(method))
                .detail("action", name(action)));
        return view(verification, now);
    }

    private void requireEnrolled(VerificationMethod method, Instant now) {
        if (method != VerificationMethod.PUSH) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Verification by " + name(method) + " is not available yet; use push.");
        }
        UserGuard guard = entityManager.find(UserGuard.class, caller.userId());
        if (guard != null) {
            guard.pushBlockedFor(now).ifPresent(wait -> {
                throw new ProblemException(ProblemType.PUSH_BLOCKED,
                        "A recent push verification was reported as suspicious; push is blocked for a while.", wait);
            });
        }
        if (!devices.hasDevices(caller.userId())) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Enroll a mobile device (POST /api/v1/me/devices) before starting a push verification.");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public VerificationView get(String workspaceId, UUID id) {
        return view(owned(workspaceId, id), clock.instant());
    }

    @Transactional
    public void cancel(String workspaceId, UUID id) {
        Verification verification = owned(workspaceId, id);
        verification.cancel(clock.instant());
        flushOrNotPending();
        audit.record(event("verification.cancelled", verification));
    }

    /** The caller's push verifications that wait for a phone's decision. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeviceVerificationView> pendingForDevice() {
        return verifications.listPendingPush(caller.userId(), clock.instant()).stream()
                .map(DeviceVerificationView::of)
                .toList();
    }

    /** Applies a phone's signed decision to a pending push verification of the caller. */
    @Transactional
    public DecisionView decide(UUID id, String assertion) {
        Instant now = clock.instant();
        Verification verification = verifications.findOwned(id, caller.userId())
                .filter(found -> found.method() == VerificationMethod.PUSH)
                .orElseThrow(VerificationService::notFound);
        DeviceDecision decision;
        try {
            decision = assertions.verify(assertion, caller.userId(), id, now);
        } catch (InvalidAssertionException e) {
            audit.recordFailure(event("verification.assertion_rejected", verification).detail("reason", e.getMessage()));
            throw new ProblemException(ProblemType.INVALID_ASSERTION,
                    "The assertion is not a valid ES256 JWS of one of your devices for this verification.");
        }
        UUID deviceId = decision.device().id();
        String type = switch (decision.decision()) {
            case APPROVE -> {
                if (verification.numberChallenge().equals(decision.number())) {
                    verification.approve(now, deviceId);
                    yield "verification.approved";
                }
                verification.deny(VerificationReason.NUMBER_MISMATCH, now, deviceId);
                yield "verification.denied";
            }
            case DENY -> {
                verification.deny(VerificationReason.USER_DENIED, now, deviceId);
                yield "verification.denied";
            }
            case REPORT -> {
                verification.deny(VerificationReason.REPORTED_SUSPICIOUS, now, deviceId);
                blockPush(now);
                yield "verification.reported";
            }
        };
        decision.device().markUsed(now);
        flushOrNotPending();
        AuditEvent event = event(type, verification).device(deviceId);
        if (verification.reason() != null) {
            event.detail("reason", name(verification.reason()));
        }
        audit.record(event);
        return new DecisionView(id, verification.statusAt(now), verification.reason());
    }

    /**
     * Spends an approved verification of the caller on a token operation in the caller's transaction. A refusal
     * is audited even though the operation's transaction rolls back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void useFor(String workspaceId, UUID id, VerificationAction action) {
        Instant now = clock.instant();
        try {
            Verification verification = verifications.findOwned(id, caller.userId())
                    .filter(found -> found.workspaceId().equals(workspaceId))
                    .orElseThrow(() -> new ProblemException(ProblemType.VERIFICATION_REQUIRED,
                            "Start a verification for this action and have it approved first."));
            verification.use(action, now, config.grantTtl());
            verifications.flush();
        } catch (OptimisticLockException e) {
            refuse(workspaceId, id, action, ProblemType.VERIFICATION_ALREADY_USED);
            throw new ProblemException(ProblemType.VERIFICATION_ALREADY_USED,
                    "This verification has already been used; start a new one.");
        } catch (ProblemException e) {
            refuse(workspaceId, id, action, e.type());
            throw e;
        }
    }

    private void refuse(String workspaceId, UUID id, VerificationAction action, ProblemType problem) {
        audit.recordFailure(AuditEvent.of("scim_token." + name(action) + "_refused", workspaceId, caller.userId())
                .verification(id).detail("code", problem.code()));
    }

    private void blockPush(Instant now) {
        entityManager.createNativeQuery("""
                insert into user_guard (user_id, push_blocked_until) values (:userId, :until)
                on conflict (user_id) do update
                set push_blocked_until = greatest(user_guard.push_blocked_until, excluded.push_blocked_until)""")
                .setParameter("userId", caller.userId())
                .setParameter("until", now.plus(config.pushBlock()))
                .executeUpdate();
    }

    private void flushOrNotPending() {
        try {
            verifications.flush();
        } catch (OptimisticLockException e) {
            throw new ProblemException(ProblemType.VERIFICATION_NOT_PENDING,
                    "The verification was decided by another request.");
        }
    }

    private Verification owned(String workspaceId, UUID id) {
        return verifications.findOwned(id, caller.userId())
                .filter(verification -> verification.workspaceId().equals(workspaceId))
                .orElseThrow(VerificationService::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.VERIFICATION_NOT_FOUND, "You have no verification with this id.");
    }

    private VerificationView view(Verification verification, Instant now) {
        return VerificationView.of(verification, now, config.pollInterval().toSeconds());
    }

    private AuditEvent event(String type, Verification verification) {
        return AuditEvent.of(type, verification.workspaceId(), caller.userId()).verification(verification.id());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
