package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.web.RequestOrigin;
import com.cerby.scimtoken.device.Device;
import com.cerby.scimtoken.device.DeviceAssertionVerifier;
import com.cerby.scimtoken.device.DeviceDecision;
import com.cerby.scimtoken.device.DeviceService;
import com.cerby.scimtoken.device.InvalidAssertionException;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.factor.FactorChangeGrants;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.push.PushNotifier;
import com.cerby.scimtoken.push.PushPayload;
import com.cerby.scimtoken.totp.CodeCheck;
import com.cerby.scimtoken.totp.TotpService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Startup
@ApplicationScoped
public class VerificationService implements FactorChangeGrants {

    static final Duration MAX_TTL = Duration.ofMinutes(10);
    private static final int EMAIL_CODE_BYTES = 32;

    private final VerificationRepository verifications;
    private final DeviceService devices;
    private final DeviceAssertionVerifier assertions;
    private final TotpService totp;
    private final VerificationMailer mailer;
    private final PushNotifier push;
    private final VerificationChanges changes;
    private final UserGuards guards;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final VerificationMetrics metrics;
    private final Caller caller;
    private final RequestOrigin origin;
    private final VerificationConfig config;
    private final SecureRandom random;
    private final Clock clock;

    VerificationService(VerificationRepository verifications, DeviceService devices, DeviceAssertionVerifier assertions,
            TotpService totp, VerificationMailer mailer, PushNotifier push, VerificationChanges changes,
            UserGuards guards, AdvisoryLocks locks, AuditLog audit, VerificationMetrics metrics, Caller caller,
            RequestOrigin origin,
            VerificationConfig config, SecureRandom random, Clock clock) {
        requireValidTtl(config.ttl());
        this.verifications = verifications;
        this.devices = devices;
        this.assertions = assertions;
        this.totp = totp;
        this.mailer = mailer;
        this.push = push;
        this.changes = changes;
        this.guards = guards;
        this.locks = locks;
        this.audit = audit;
        this.metrics = metrics;
        this.caller = caller;
        this.origin = origin;
        this.config = config;
        this.random = random;
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
        locks.lock("verification-start:" + caller.userId());
        List<Device> phones;
        try {
            phones = requireStartAllowed(method, now);
        } catch (ProblemException refused) {
            audit.recordFailure(AuditEvent.of("verification.start_refused", workspaceId, caller.userId())
                    .detail("method", name(method)).detail("action", name(action)).detail("code", refused.type().code()));
            throw refused;
        }
        Verification verification = Verification.start(workspaceId, caller.userId(), action, method,
                origin.ipAddress(), origin.userAgent(), now, config.ttl());
        String emailCode = null;
        switch (method) {
            case PUSH -> verification.challengeWithNumber(10 + random.nextInt(90));
            case TOTP -> verification.expectCode(config.maxCodeAttempts(), null);
            case EMAIL -> {
                emailCode = newEmailCode();
                verification.expectCode(config.maxCodeAttempts(), Sha256.of(emailCode));
            }
        }
        verifications.persist(verification);
        audit.record(event("verification.started", verification).detail("method", name(method))
                .detail("action", name(action)));
        metrics.started(method);
        if (method == VerificationMethod.PUSH) {
            push.enqueue(phones.stream().filter(phone -> phone.pushToken().isPresent())
                    .map(phone -> pushPayload(verification, phone)).toList());
        }
        if (emailCode != null) {
            String to = caller.email().orElseThrow();
            mailer.send(to, verification, emailCode);
            audit.record(event("verification.email_sent", verification).detail("to", to));
        }
        return view(verification, now);
    }

    /** Refuses a start that a limit or a missing enrollment forbids; answers the phones of a push. */
    private List<Device> requireStartAllowed(VerificationMethod method, Instant now) {
        String userId = caller.userId();
        List<Device> phones = List.of();
        switch (method) {
            case PUSH -> {
                guards.requirePushAllowed(userId, now);
                phones = devices.devicesOf(userId);
                if (phones.isEmpty()) {
                    throw notEnrolled("Enroll a mobile device (POST /api/v1/me/devices) before starting a push verification.");
                }
                List<Instant> lastHour = verifications.latestPushStarts(userId, now.minus(Duration.ofHours(1)),
                        config.maxPushPerHour());
                if (lastHour.size() >= config.maxPushPerHour()) {
                    throw tooMany("At most " + config.maxPushPerHour() + " push verifications per hour.",
                            Duration.between(now, lastHour.get(lastHour.size() - 1).plus(Duration.ofHours(1))));
                }
            }
            case TOTP -> {
                guards.requireCodesUnlocked(userId, now);
                if (!totp.hasAny(userId)) {
                    throw notEnrolled("Enroll and confirm a TOTP authenticator (POST /api/v1/me/totp) first.");
                }
            }
            case EMAIL -> {
                guards.requireCodesUnlocked(userId, now);
                if (caller.email().isEmpty() || !mailer.isConfigured()) {
                    throw notEnrolled(caller.email().isEmpty()
                            ? "Your session has no email address to send the link to."
                            : "Email verification is not configured on this server.");
                }
            }
        }
        List<Instant> pending = verifications.pendingExpiries(userId, now, config.maxPending());
        if (pending.size() >= config.maxPending()) {
            throw tooMany("At most " + config.maxPending() + " verifications may be pending; finish or cancel one.",
                    Duration.between(now, pending.get(0)));
        }
        return phones;
    }

    /** A read in the request's session, without a transaction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public VerificationView get(String workspaceId, UUID id, String userId) {
        return view(owned(workspaceId, id, userId), clock.instant());
    }

    /**
     * A read in a session of its own, for a long poll that resumes after a change: the request's session still
     * holds the state it read before the wait.
     */
    @Transactional
    public VerificationView reread(String workspaceId, UUID id, String userId) {
        return view(owned(workspaceId, id, userId), clock.instant());
    }

    /** When a pending verification will expire, so that a long poll does not outlive it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration timeLeft(String workspaceId, UUID id, String userId) {
        Duration left = Duration.between(clock.instant(), owned(workspaceId, id, userId).expiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Transactional
    public void cancel(String workspaceId, UUID id) {
        Verification verification = owned(workspaceId, id, caller.userId());
        verification.cancel(clock.instant());
        flushOrNotPending();
        audit.record(event("verification.cancelled", verification));
        changes.publish(id);
        metrics.decided(verification.method(), "cancelled");
    }

    /** Completes a TOTP or email verification with its code; a wrong code uses up an attempt. */
    @Transactional
    public VerificationView submitCode(String workspaceId, UUID id, String code) {
        Instant now = clock.instant();
        Verification verification = owned(workspaceId, id, caller.userId());
        if (verification.method() == VerificationMethod.PUSH) {
            throw new ProblemException(ProblemType.WRONG_METHOD, "A push verification is approved on the phone.");
        }
        guards.requireCodesUnlocked(caller.userId(), now);
        verification.requirePending(now);
        CodeCheck check = verification.method() == VerificationMethod.TOTP
                ? totp.check(caller.userId(), code, now)
                : verification.isEmailCode(Sha256.of(code.strip())) ? CodeCheck.MATCH : CodeCheck.WRONG;
        switch (check) {
            case MATCH -> {
                verification.approveWithCode(now);
                flushOrNotPending();
                guards.codeSucceeded(caller.userId());
                EnrolledFactor factor = verification.method() == VerificationMethod.TOTP
                        ? totp.enrolledFactor(caller.userId())
                        : EnrolledFactor.EMAIL;
                audit.record(factor.describe(event("verification.approved", verification)
                        .detail("method", name(verification.method()))));
                changes.publish(id);
                metrics.decided(verification.method(), "approved");
                return view(verification, now);
            }
            case REPLAYED -> throw new ProblemException(ProblemType.CODE_ALREADY_USED,
                    "This code was already used; wait for the next one.");
            default -> {
                int remaining = QuarkusTransaction.requiringNew().call(() -> recordWrongCode(verification, now));
                throw ProblemException.invalidCode(remaining == 0
                        ? "The code is not valid, and that was the last attempt: the verification failed."
                        : "The code is not valid.", remaining);
            }
        }
    }

    /**
     * In its own transaction, so it stays although the request answers an error. The user's count goes first: when
     * concurrent wrong codes have just locked the code methods, this one is refused (429) and spends nothing.
     */
    private int recordWrongCode(Verification verification, Instant now) {
        guards.codeFailed(caller.userId(), verification.workspaceId(), now);
        int remaining = verifications.spendAttempt(verification.id(), now).orElseThrow(() -> new ProblemException(
                ProblemType.VERIFICATION_NOT_PENDING, "The verification was decided by another request."));
        audit.record(event("verification.code_failed", verification).detail("attemptsRemaining", remaining));
        if (remaining == 0) {
            audit.record(event("verification.failed", verification).detail("reason", "too_many_attempts"));
            metrics.decided(verification.method(), "failed");
        }
        changes.publish(verification.id());
        return remaining;
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
                guards.blockPush(caller.userId(), now);
                yield "verification.reported";
            }
        };
        decision.device().markUsed(now);
        flushOrNotPending();
        AuditEvent event = event(type, verification).device(deviceId);
        if (verification.reason() != null) {
            event.detail("reason", name(verification.reason()));
        } else {
            new EnrolledFactor("device", deviceId, decision.device().createdAt()).describe(event);
        }
        audit.record(event);
        changes.publish(id);
        metrics.decided(VerificationMethod.PUSH, type.substring("verification.".length()));
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

    /** Factor changes spend a {@code manage_factors} verification like a token operation spends its own. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void spend(String workspaceId, UUID verificationId) {
        useFor(workspaceId, verificationId, VerificationAction.MANAGE_FACTORS);
    }

    private void refuse(String workspaceId, UUID id, VerificationAction action, ProblemType problem) {
        audit.recordFailure(AuditEvent.of(action.refusedEvent(), workspaceId, caller.userId())
                .verification(id).detail("code", problem.code()));
    }

    /** 256 random bits; only their hash is stored. */
    private String newEmailCode() {
        byte[] bytes = new byte[EMAIL_CODE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private PushPayload pushPayload(Verification verification, Device phone) {
        return new PushPayload(phone.id(), phone.pushToken().orElseThrow(), verification.id(),
                verification.workspaceId(), name(verification.action()),
                new PushPayload.Requester(verification.requesterIp(), verification.requesterUserAgent()),
                verification.expiresAt());
    }

    private void flushOrNotPending() {
        try {
            verifications.flush();
        } catch (OptimisticLockException e) {
            throw new ProblemException(ProblemType.VERIFICATION_NOT_PENDING,
                    "The verification was decided by another request.");
        }
    }

    private Verification owned(String workspaceId, UUID id, String userId) {
        return verifications.findOwned(id, userId)
                .filter(verification -> verification.workspaceId().equals(workspaceId))
                .orElseThrow(VerificationService::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.VERIFICATION_NOT_FOUND, "You have no verification with this id.");
    }

    private static ProblemException notEnrolled(String detail) {
        return new ProblemException(ProblemType.METHOD_NOT_ENROLLED, detail);
    }

    private static ProblemException tooMany(String detail, Duration retryAfter) {
        return new ProblemException(ProblemType.TOO_MANY_VERIFICATIONS, detail, retryAfter);
    }


    private VerificationView view(Verification verification, Instant now) {
        return VerificationView.of(verification, now, config.pollInterval().toSeconds());
    }

    private AuditEvent event(String type, Verification verification) {
        return AuditEvent.of(type, verification.workspaceId(), verification.userId()).verification(verification.id());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
