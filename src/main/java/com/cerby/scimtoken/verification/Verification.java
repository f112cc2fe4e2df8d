package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A step-up verification. Only a pending one that has not expired moves, and only once: the version column
 * makes a concurrent second move fail when it is flushed.
 */
@Entity
@Table(name = "verification")
public class Verification {

    @Id
    private UUID id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private String workspaceId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private VerificationAction action;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private VerificationMethod method;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VerificationStatus status;

    @Enumerated(EnumType.STRING)
    private VerificationReason reason;

    @Column(name = "number_challenge", updatable = false)
    private Integer numberChallenge;

    @Column(name = "requester_ip", updatable = false)
    private String requesterIp;

    @Column(name = "requester_user_agent", updatable = false)
    private String requesterUserAgent;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by_device")
    private UUID decidedByDevice;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "code_hash", updatable = false)
    private byte[] codeHash;

    @Column(name = "attempts_remaining")
    private Integer attemptsRemaining;

    @Column(name = "completion_secret_hash", updatable = false)
    private byte[] completionSecretHash;

    /**
     * The completion secret itself, only in the instance that began the verification, for the start answer: it is
     * never stored, so no later read can show it.
     */
    @Transient
    private String issuedCompletionSecret;

    @Column(name = "passkey_challenge", updatable = false)
    private byte[] passkeyChallenge;

    @Column(name = "passkey_options", updatable = false)
    private String passkeyOptions;

    @Version
    private long version;

    protected Verification() {
    }

    static Verification start(String workspaceId, String userId, VerificationAction action, VerificationMethod method,
            String requesterIp, String requesterUserAgent, Instant now, Duration ttl) {
        Verification verification = new Verification();
        verification.id = UUID.randomUUID();
        verification.workspaceId = workspaceId;
        verification.userId = userId;
        verification.action = action;
        verification.method = method;
        verification.status = VerificationStatus.PENDING;
        verification.requesterIp = requesterIp;
        verification.requesterUserAgent = requesterUserAgent;
        verification.createdAt = now;
        verification.expiresAt = now.plus(ttl);
        return verification;
    }

    /** Push: the number the requester sees and types into the phone. */
    void challengeWithNumber(int number) {
        numberChallenge = number;
    }

    /** Code methods: how many wrong codes it takes, and for email the hash of the code that was sent. */
    void expectCode(int attempts, byte[] emailCodeHash) {
        attemptsRemaining = attempts;
        codeHash = emailCodeHash;
    }

    /**
     * Passkey: how many refused assertions it takes, the challenge an assertion must sign, and the request options
     * (JSON) that carry it to the browser.
     */
    void expectPasskey(int attempts, byte[] challenge, String requestOptionsJson) {
        attemptsRemaining = attempts;
        passkeyChallenge = challenge;
        passkeyOptions = requestOptionsJson;
    }

    /**
     * Email: only the client that holds this secret (given in the start answer) may complete the verification; the
     * secret is kept as its hash.
     */
    void bindToClient(String completionSecret) {
        completionSecretHash = Sha256.of(completionSecret);
        issuedCompletionSecret = completionSecret;
    }

    /** Whether the offered secret is the one the start answer gave; compared in constant time. */
    boolean isBoundTo(String offeredSecret) {
        return completionSecretHash != null && offeredSecret != null
                && MessageDigest.isEqual(completionSecretHash, Sha256.of(offeredSecret));
    }

    /** The completion secret, in the start's own answer only (null in every verification read back). */
    String issuedCompletionSecret() {
        return issuedCompletionSecret;
    }

    /** Whether a code is the one the verification email carried; compared in constant time. */
    boolean isEmailCode(byte[] offeredCodeHash) {
        return codeHash != null && MessageDigest.isEqual(codeHash, offeredCodeHash);
    }

    /** The status as of now: a pending verification past its expiry is expired, whether or not it was written. */
    public VerificationStatus statusAt(Instant now) {
        return status == VerificationStatus.PENDING && !now.isBefore(expiresAt) ? VerificationStatus.EXPIRED : status;
    }

    void approve(Instant now, UUID deviceId) {
        move(VerificationStatus.APPROVED, null, now);
        decidedByDevice = deviceId;
    }

    void deny(VerificationReason denial, Instant now, UUID deviceId) {
        move(VerificationStatus.DENIED, denial, now);
        decidedByDevice = deviceId;
    }

    void cancel(Instant now) {
        move(VerificationStatus.CANCELLED, null, now);
    }

    /**
     * Makes an approval that was not spent yet unusable: the user's factors were reset, and whatever approved it
     * may be what was lost. A later spend finds it used.
     */
    void voidApproval(Instant now) {
        if (status == VerificationStatus.APPROVED && usedAt == null) {
            usedAt = now;
        }
    }

    /** Approval by a factor checked here (a code, a passkey) rather than by a phone's decision. */
    void approveWithoutDevice(Instant now) {
        move(VerificationStatus.APPROVED, null, now);
    }

    /** Writes down the expiry that reads already report; decidedAt is when it expired. */
    void expire(Instant now) {
        if (statusAt(now) != VerificationStatus.EXPIRED) {
            throw new IllegalStateException("Verification " + id + " has not expired");
        }
        status = VerificationStatus.EXPIRED;
        decidedAt = expiresAt;
    }

    private void move(VerificationStatus to, VerificationReason why, Instant now) {
        requirePending(now);
        status = to;
        reason = why;
        decidedAt = now;
    }

    /** Fails with 409 unless the verification is pending and unexpired. */
    void requirePending(Instant now) {
        VerificationStatus current = statusAt(now);
        if (current == VerificationStatus.EXPIRED) {
            throw new ProblemException(ProblemType.VERIFICATION_EXPIRED, "The verification expired at " + expiresAt + ".");
        }
        if (current != VerificationStatus.PENDING) {
            throw new ProblemException(ProblemType.VERIFICATION_NOT_PENDING,
                    "The verification is already " + current.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    /**
     * Spends the approval on one operation: it must be approved for this action, not used yet and recent enough.
     */
    void use(VerificationAction operation, Instant now, Duration grantTtl) {
        if (status != VerificationStatus.APPROVED || action != operation) {
            throw new ProblemException(ProblemType.VERIFICATION_REQUIRED,
                    "Start a verification for this action and have it approved first.");
        }
        if (usedAt != null) {
            throw new ProblemException(ProblemType.VERIFICATION_ALREADY_USED,
                    "This verification has already been used; start a new one.");
        }
        if (now.isAfter(decidedAt.plus(grantTtl))) {
            throw new ProblemException(ProblemType.VERIFICATION_REQUIRED,
                    "The approval is older than " + grantTtl.toSeconds() + " seconds; start a new verification.");
        }
        usedAt = now;
    }

    /** Whether this is an approval of the action that was spent on its operation. */
    boolean isSpentOn(VerificationAction operation) {
        return status == VerificationStatus.APPROVED && action == operation && usedAt != null;
    }

    public UUID id() {
        return id;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String userId() {
        return userId;
    }

    public VerificationAction action() {
        return action;
    }

    public VerificationMethod method() {
        return method;
    }

    public VerificationReason reason() {
        return reason;
    }

    public Integer numberChallenge() {
        return numberChallenge;
    }

    public String requesterIp() {
        return requesterIp;
    }

    public String requesterUserAgent() {
        return requesterUserAgent;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Integer attemptsRemaining() {
        return attemptsRemaining;
    }

    byte[] passkeyChallenge() {
        return passkeyChallenge;
    }

    /** The request options of a passkey verification, as JSON; null for other methods. */
    String passkeyOptions() {
        return passkeyOptions;
    }
}
