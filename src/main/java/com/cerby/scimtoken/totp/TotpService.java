package com.cerby.scimtoken.totp;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.factor.FactorChange;
import com.cerby.scimtoken.factor.FactorEvents;
import com.cerby.scimtoken.factor.FactorGate;
import com.cerby.scimtoken.factor.FactorInventory;
import com.cerby.scimtoken.factor.FactorsConfig;
import com.cerby.scimtoken.factor.PendingEnrollments;
import com.cerby.scimtoken.factor.FactorSummary;
import com.cerby.scimtoken.limits.UserGuards;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.commons.codec.binary.Base32;

/**
 * The TOTP factor (RFC 6238 as Keycloak's default OTP policy: HmacSHA1, 6 digits, 30 s, one step of drift either
 * way, every step usable once). The seed is 160 random bits, stored only encrypted.
 */
@ApplicationScoped
public class TotpService implements FactorInventory, PendingEnrollments {

    static final TimeBasedOtp OTP = new TimeBasedOtp(TimeBasedOtp.Algorithm.SHA1, 6, Duration.ofSeconds(30));
    static final int WINDOW = 1;
    private static final int SEED_BYTES = 20;

    private final EntityManager entityManager;
    private final SecretCipher cipher;
    private final UserGuards guards;
    private final FactorGate gate;
    private final FactorEvents events;
    private final AuditLog audit;
    private final Caller caller;
    private final TotpConfig config;
    private final FactorsConfig factors;
    private final SecureRandom random;
    private final Clock clock;

    TotpService(EntityManager entityManager, SecretCipher cipher, UserGuards guards, FactorGate gate,
            FactorEvents events, AuditLog audit, Caller caller, TotpConfig config, FactorsConfig factors,
            SecureRandom random, Clock clock) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.guards = guards;
        this.gate = gate;
        this.events = events;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.factors = factors;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Starts (or restarts) an enrollment: the user's first factor by the first-enrollment rule, any other with
     * step-up, whose approval is spent now and kept with the enrollment. A confirmed authenticator must be removed
     * first. The enrollment is not a factor until it is confirmed, within the pending ttl.
     */
    @Transactional
    public TotpEnrollment enroll(UUID verificationId) {
        TotpFactor existing = entityManager.find(TotpFactor.class, caller.userId());
        if (existing != null && existing.isConfirmed()) {
            throw new ProblemException(ProblemType.TOTP_ALREADY_ENROLLED,
                    "An authenticator is already enrolled; remove it before enrolling another.");
        }
        gate.requireProof(FactorChange.ENROLL_TOTP, verificationId);
        if (existing != null) {
            entityManager.remove(existing);
            entityManager.flush();
        }
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        String secret = new Base32().encodeToString(seed).replace("=", "");
        entityManager.persist(TotpFactor.enroll(caller.userId(),
                cipher.seal(secret, TotpFactor.cipherContext(caller.userId())), verificationId, clock.instant()));
        String account = caller.email().orElse(caller.userId());
        String label = encode(config.issuer()) + ":" + encode(account);
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(config.issuer())
                + "&algorithm=SHA1&digits=6&period=30";
        return new TotpEnrollment(secret, uri, "SHA1", 6, 30, QrCode.svgDataUri(uri));
    }

    /**
     * Proves the authenticator works with a first code; from then on it can verify. This is when the authenticator
     * becomes a factor, so the factor rule is checked again, against the user's factors now: the proof kept from the
     * start, or a new approval ({@code verificationId}), or, for a first factor, the first-enrollment rule.
     */
    @Transactional
    public TotpConfirmation confirm(String code, UUID verificationId) {
        Instant now = clock.instant();
        guards.requireCodesUnlocked(caller.userId(), now);
        TotpFactor factor = entityManager.find(TotpFactor.class, caller.userId());
        if (factor == null) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED, "Start with POST /api/v1/me/totp.");
        }
        if (factor.isConfirmed()) {
            throw new ProblemException(ProblemType.TOTP_ALREADY_ENROLLED, "The authenticator is already confirmed.");
        }
        if (factor.isUnfinishedPast(factors.pendingTtl(), now)) {
            throw new ProblemException(ProblemType.ENROLLMENT_EXPIRED, "This enrollment was not confirmed within "
                    + factors.pendingTtl().toMinutes() + " minutes; start again with POST /api/v1/me/totp.");
        }
        gate.requireProof(FactorChange.ENROLL_TOTP, verificationId, factor.proofVerificationId());
        requireMatch(factor, code, now);
        factor.confirm(now);
        events.changed(FactorChange.ENROLL_TOTP, factor.id(), null);
        return new TotpConfirmation(factor.confirmedAt());
    }

    /** Removes the confirmed authenticator, with an approved {@code manage_factors} verification. */
    @Transactional
    public void remove(UUID verificationId) {
        TotpFactor factor = confirmedFactor(caller.userId());
        gate.requireProof(FactorChange.REMOVE_TOTP, verificationId);
        entityManager.remove(factor);
        events.changed(FactorChange.REMOVE_TOTP, factor.id(), null);
    }

    /** Deletes the enrollments that were not confirmed in time. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int sweep(Instant now) {
        return entityManager.createQuery("delete from TotpFactor where confirmedAt is null and createdAt <= :cutoff")
                .setParameter("cutoff", now.minus(factors.pendingTtl())).executeUpdate();
    }

    /** Whether the user has a confirmed authenticator. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hasAny(String userId) {
        TotpFactor factor = entityManager.find(TotpFactor.class, userId);
        return factor != null && factor.isConfirmed();
    }

    /** The user's authenticator, confirmed or an enrollment under way (a reset of their factors). */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int removeAll(String userId) {
        return entityManager.createQuery("delete from TotpFactor where userId = :userId")
                .setParameter("userId", userId).executeUpdate();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void summarize(String userId, FactorSummary summary) {
        TotpFactor factor = entityManager.find(TotpFactor.class, userId);
        if (factor != null && factor.isConfirmed()) {
            summary.totp(factor.confirmedAt());
        }
    }

    /** The user's confirmed authenticator, as named in the events of the verifications it approves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EnrolledFactor enrolledFactor(String userId) {
        TotpFactor factor = confirmedFactor(userId);
        return new EnrolledFactor("totp", factor.id(), factor.confirmedAt());
    }

    /** Checks a code of the user's confirmed authenticator; a right code's time step is spent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CodeCheck check(String userId, String code, Instant now) {
        return check(confirmedFactor(userId), code, now);
    }

    private CodeCheck check(TotpFactor factor, String code, Instant now) {
        byte[] seed = new Base32().decode(cipher.open(factor.seed(), TotpFactor.cipherContext(factor.userId())));
        OptionalLong step = OTP.match(seed, code.strip(), now, WINDOW);
        if (step.isEmpty()) {
            return CodeCheck.WRONG;
        }
        if (!factor.spend(step.getAsLong())) {
            return CodeCheck.REPLAYED;
        }
        try {
            entityManager.flush();
        } catch (OptimisticLockException concurrentUse) {
            return CodeCheck.REPLAYED;
        }
        return CodeCheck.MATCH;
    }

    private void requireMatch(TotpFactor factor, String code, Instant now) {
        switch (check(factor, code, now)) {
            case MATCH -> guards.codeSucceeded(factor.userId());
            case REPLAYED -> throw new ProblemException(ProblemType.CODE_ALREADY_USED,
                    "This code was already used; wait for the next one.");
            case WRONG -> {
                QuarkusTransaction.requiringNew().run(() -> {
                    guards.codeFailed(caller.userId(), caller.workspaceId(), now);
                    audit.record(AuditEvent.of("totp.code_failed", caller.workspaceId(), caller.userId()));
                });
                throw ProblemException.invalidCode("The code is not valid.", null);
            }
        }
    }

    private TotpFactor confirmedFactor(String userId) {
        TotpFactor factor = entityManager.find(TotpFactor.class, userId);
        if (factor == null || !factor.isConfirmed()) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED, "No confirmed TOTP authenticator is enrolled.");
        }
        return factor;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
