package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Recovery codes: the way back for a user who lost their phone. Ten single-use codes of 40 random bits each, shown
 * once and kept only as keyed hashes; they approve a {@code manage_factors} verification and nothing else (the
 * verification feature's {@code recovery_code} method asks {@link #use}). A set is generated, replacing the last,
 * as a factor change; a user with no other factor has nothing to recover and gets none.
 */
@ApplicationScoped
public class RecoveryCodes implements FactorInventory {

    static final int CODES_PER_SET = 10;
    /** Crockford's base32 in lower case: no i, l, o or u to mistake for 1, 1, 0 or v. 8 symbols = 40 bits. */
    static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    static final int SYMBOLS = 8;
    private static final String HASH_LABEL = "recovery-code";

    private final EntityManager entityManager;
    private final UserFactors factors;
    private final FactorGate gate;
    private final FactorEvents events;
    private final SecretCipher cipher;
    private final Caller caller;
    private final SecureRandom random;
    private final Clock clock;

    RecoveryCodes(EntityManager entityManager, UserFactors factors, FactorGate gate,
            FactorEvents events, SecretCipher cipher, Caller caller, SecureRandom random, Clock clock) {
        this.entityManager = entityManager;
        this.factors = factors;
        this.gate = gate;
        this.events = events;
        this.cipher = cipher;
        this.caller = caller;
        this.random = random;
        this.clock = clock;
    }

    /** A new set for the caller, replacing the last one: a factor change, proved like any other. */
    @Transactional
    public RecoveryCodeSet generate(UUID verificationId) {
        String userId = caller.userId();
        // Asked first for a plain answer, and again once the gate holds the user's factor lock, where it counts.
        requireAnotherFactor(userId);
        gate.requireProof(FactorChange.GENERATE_RECOVERY_CODES, verificationId);
        requireAnotherFactor(userId);
        removeAll(userId);
        entityManager.flush();
        // PostgreSQL keeps microseconds: the createdAt shown now is the one every later read shows.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID setId = UUID.randomUUID();
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < CODES_PER_SET) {
            codes.add(newCode());
        }
        for (String code : codes) {
            SecretCipher.KeyedHash hash = cipher.keyedHash(HASH_LABEL, hashInput(userId, normalized(code)));
            entityManager.persist(new RecoveryCode(userId, setId, hash.keyId(), hash.hash(), now));
        }
        events.changed(FactorChange.GENERATE_RECOVERY_CODES, setId, null, Map.of("count", CODES_PER_SET), "");
        return new RecoveryCodeSet(List.copyOf(codes), now);
    }

    /** How many of the caller's codes are left. */
    @Transactional
    public RecoveryCodesStatus status() {
        return statusOf(caller.userId());
    }

    /**
     * Spends the user's unused code that matches (in any case, with or without its dash), in the caller's
     * transaction, and records and tells its use; false when none matches (wrong, or already used).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean use(String userId, String code, Instant now) {
        String candidate = normalized(code);
        if (candidate == null) {
            return false;
        }
        Map<String, byte[]> hashByKey = new HashMap<>();
        RecoveryCode match = null;
        for (RecoveryCode stored : unused(userId)) {
            byte[] hash = hashByKey.computeIfAbsent(stored.keyId(),
                    keyId -> cipher.keyedHash(HASH_LABEL, keyId, hashInput(userId, candidate)));
            // Every stored code is compared, each in constant time, whichever matches.
            if (MessageDigest.isEqual(stored.codeHash(), hash)) {
                match = stored;
            }
        }
        if (match == null || entityManager.createQuery(
                "update RecoveryCode set usedAt = :now where id = :id and usedAt is null")
                .setParameter("now", now).setParameter("id", match.id()).executeUpdate() != 1) {
            return false;
        }
        int remaining = countUnused(userId);
        events.changed(FactorChange.USE_RECOVERY_CODE, match.setId(), null, Map.of("remaining", remaining),
                remaining + (remaining == 1 ? " recovery code is" : " recovery codes are") + " left.");
        return true;
    }

    /** The user's set, as named in the events of the verifications its codes approve. */
    @Transactional(Transactional.TxType.MANDATORY)
    public EnrolledFactor enrolledFactor(String userId) {
        RecoveryCode any = entityManager.createQuery("from RecoveryCode where userId = :userId", RecoveryCode.class)
                .setParameter("userId", userId).setMaxResults(1).getResultStream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.METHOD_NOT_ENROLLED, "You have no recovery codes."));
        return new EnrolledFactor("recovery_code", any.setId(), any.createdAt());
    }

    /** Whether the user has an unused code. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hasAny(String userId) {
        return countUnused(userId) > 0;
    }

    @Override
    public boolean isFallback() {
        return true;
    }

    /** The user's set; it counts as one factor removed. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int removeAll(String userId) {
        return entityManager.createQuery("delete from RecoveryCode where userId = :userId")
                .setParameter("userId", userId).executeUpdate() > 0 ? 1 : 0;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void summarize(String userId, FactorSummary summary) {
        RecoveryCodesStatus status = statusOf(userId);
        if (status.createdAt() != null) {
            summary.recoveryCodes(status);
        }
    }

    private void requireAnotherFactor(String userId) {
        if (!factors.hasAnyBesidesFallbacks(userId)) {
            throw new ProblemException(ProblemType.NO_FACTOR, "Recovery codes stand in for a phone, authenticator"
                    + " app or passkey that you lose; add one of those first.");
        }
    }

    private RecoveryCodesStatus statusOf(String userId) {
        List<RecoveryCode> codes = entityManager.createQuery("from RecoveryCode where userId = :userId",
                RecoveryCode.class).setParameter("userId", userId).getResultList();
        if (codes.isEmpty()) {
            return RecoveryCodesStatus.NONE;
        }
        return new RecoveryCodesStatus((int) codes.stream().filter(code -> !code.isUsed()).count(),
                codes.get(0).createdAt());
    }

    private List<RecoveryCode> unused(String userId) {
        return entityManager.createQuery("from RecoveryCode where userId = :userId and usedAt is null",
                RecoveryCode.class).setParameter("userId", userId).getResultList();
    }

    private int countUnused(String userId) {
        return entityManager.createQuery("select count(*) from RecoveryCode where userId = :userId and usedAt is null",
                Long.class).setParameter("userId", userId).getSingleResult().intValue();
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(SYMBOLS + 1);
        for (int i = 0; i < SYMBOLS; i++) {
            if (i == SYMBOLS / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The code as compared: lower case, without dashes or spaces, with the letters people type for look-alike
     * digits read as those digits; null when it cannot be a code at all.
     */
    static String normalized(String code) {
        StringBuilder symbols = new StringBuilder(SYMBOLS);
        for (char c : code.toLowerCase(Locale.ROOT).toCharArray()) {
            char symbol = switch (c) {
                case 'o' -> '0';
                case 'i', 'l' -> '1';
                default -> c;
            };
            if (symbol == '-' || Character.isWhitespace(symbol)) {
                continue;
            }
            if (ALPHABET.indexOf(symbol) < 0 || symbols.length() == SYMBOLS) {
                return null;
            }
            symbols.append(symbol);
        }
        return symbols.length() == SYMBOLS ? symbols.toString() : null;
    }

    /** Bound to the user, so that a hash copied to another user's row does not work there. */
    private static String hashInput(String userId, String normalizedCode) {
        return userId + ":" + normalizedCode;
    }
}
