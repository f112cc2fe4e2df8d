package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;
import static com.cerby.scimtoken.verification.VerificationEvents.name;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.device.Device;
import com.cerby.scimtoken.device.DeviceAssertionVerifier;
import com.cerby.scimtoken.device.DeviceDecision;
import com.cerby.scimtoken.device.DeviceService;
import com.cerby.scimtoken.device.InvalidAssertionException;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.push.PushNotifier;
import com.cerby.scimtoken.push.PushPayload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Push with number matching: the requester's page shows a number (10–99), the user's phones are notified, and a
 * phone signs a decision that must carry the number. A report blocks push for the user for a while.
 */
@ApplicationScoped
public class PushMethod implements VerificationMethodHandler {

    private final VerificationRepository verifications;
    private final VerificationEvents events;
    private final DeviceService devices;
    private final DeviceAssertionVerifier assertions;
    private final PushNotifier push;
    private final UserGuards guards;
    private final AuditLog audit;
    private final Caller caller;
    private final VerificationConfig config;
    private final SecureRandom random;
    private final Clock clock;

    PushMethod(VerificationRepository verifications, VerificationEvents events, DeviceService devices,
            DeviceAssertionVerifier assertions, PushNotifier push, UserGuards guards, AuditLog audit, Caller caller,
            VerificationConfig config, SecureRandom random, Clock clock) {
        this.verifications = verifications;
        this.events = events;
        this.devices = devices;
        this.assertions = assertions;
        this.push = push;
        this.guards = guards;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public VerificationMethod method() {
        return VerificationMethod.PUSH;
    }

    @Override
    public void requireAvailable(String userId, Instant now) {
        guards.requirePushAllowed(userId, now);
        if (devices.devicesOf(userId).isEmpty()) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Enroll a mobile device (POST /api/v1/me/devices) before starting a push verification.");
        }
        List<Instant> lastHour = verifications.latestPushStarts(userId, now.minus(Duration.ofHours(1)),
                config.maxPushPerHour());
        if (lastHour.size() >= config.maxPushPerHour()) {
            throw new ProblemException(ProblemType.TOO_MANY_VERIFICATIONS, "At most " + config.maxPushPerHour()
                    + " push verifications per hour.",
                    Duration.between(now, lastHour.get(lastHour.size() - 1).plus(Duration.ofHours(1))));
        }
    }

    @Override
    public void begin(Verification verification) {
        verification.challengeWithNumber(10 + random.nextInt(90));
        push.enqueue(devices.devicesOf(verification.userId()).stream()
                .filter(phone -> phone.pushToken().isPresent())
                .map(phone -> payload(verification, phone)).toList());
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
                .orElseThrow(VerificationRepository::notFound);
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
        verifications.flushOrNotPending();
        AuditEvent event = event(type, verification).device(deviceId).detail("method", name(VerificationMethod.PUSH));
        if (verification.reason() != null) {
            event.detail("reason", name(verification.reason()));
        } else {
            new EnrolledFactor("device", deviceId, decision.device().createdAt()).describe(event);
        }
        events.decided(verification, event, type.substring("verification.".length()));
        return new DecisionView(id, verification.statusAt(now), verification.reason());
    }

    private static PushPayload payload(Verification verification, Device phone) {
        return new PushPayload(phone.id(), phone.pushToken().orElseThrow(), verification.id(),
                verification.workspaceId(), name(verification.action()),
                new PushPayload.Requester(verification.requesterIp(), verification.requesterUserAgent()),
                verification.expiresAt());
    }
}
