package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;
import static com.cerby.scimtoken.verification.VerificationEvents.name;

import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.factor.FactorsConfig;
import com.cerby.scimtoken.factor.UserFactors;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.totp.CodeCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A code mailed to the JWT's email address, completed only by the client that started the verification. An email is
 * the weakest factor: whoever reads the mail (or was sent it by someone phishing with the user's session) can
 * click. So the start answer gives the requesting client a completion secret, and {@code /code} needs it beside the
 * code; the mail names the action, the workspace and the requester, and lets the user report a request they did not
 * make. Email confirms only the actions in {@code scim-token.email.actions}, and a first factor when
 * {@code first-enrollment=email}.
 */
@ApplicationScoped
public class EmailMethod implements VerificationMethodHandler, CodeMethod {

    /** 8 digits: typeable, and with 5 attempts per verification a guess succeeds once in 20 million tries. */
    private static final int CODE_DIGITS = 8;
    private static final int CODE_BOUND = 100_000_000;
    /** The completion secret: 256 random bits. */
    private static final int SECRET_BYTES = 32;

    private final VerificationMailer mailer;
    private final UserGuards guards;
    private final AuditLog audit;
    private final Caller caller;
    private final VerificationConfig config;
    private final EmailConfig email;
    private final FactorsConfig factors;
    private final UserFactors userFactors;
    private final SecureRandom random;

    EmailMethod(VerificationMailer mailer, UserGuards guards, AuditLog audit, Caller caller, VerificationConfig config,
            EmailConfig email, FactorsConfig factors, UserFactors userFactors, SecureRandom random) {
        this.mailer = mailer;
        this.guards = guards;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.email = email;
        this.factors = factors;
        this.userFactors = userFactors;
        this.random = random;
    }

    @Override
    public VerificationMethod method() {
        return VerificationMethod.EMAIL;
    }

    /**
     * The configured actions; and a first factor when the deployment confirms first factors by email and the caller
     * has none yet (a user with a phone, an authenticator or a passkey uses it instead).
     */
    @Override
    public boolean allows(VerificationAction action) {
        if (email.actions().contains(action)) {
            return true;
        }
        return action == VerificationAction.MANAGE_FACTORS
                && factors.firstEnrollment() == FactorsConfig.FirstEnrollment.EMAIL
                && !userFactors.hasAny(caller.userId());
    }

    @Override
    public void requireAvailable(String userId, Instant now) {
        guards.requireEmailAllowed(userId, now);
        guards.requireCodesUnlocked(userId, now);
        if (caller.email().isEmpty()) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Your session has no email address to send the code to.");
        }
        if (!mailer.isConfigured()) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Email verification is not configured on this server.");
        }
    }

    /**
     * Binds the verification to the starting client and mails the code within the request: a mail the SMTP server
     * refuses fails the start (503), nothing is kept.
     */
    @Override
    public void begin(Verification verification) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        verification.bindToClient(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        String code = String.format("%0" + CODE_DIGITS + "d", random.nextInt(CODE_BOUND));
        verification.expectCode(config.maxCodeAttempts(), codeHash(verification, code));
        String to = caller.email().orElseThrow();
        mailer.send(to, verification, code);
        audit.record(event("verification.email_sent", verification).detail("to", to));
    }

    /**
     * Refuses, before the code is looked at, a submission without the secret of the client that started the
     * verification: a right code from anywhere else (the victim's own session, phished into confirming an
     * attacker's request) approves nothing and spends nothing.
     */
    @Override
    public void requireClient(Verification verification, String completionSecret) {
        if (!verification.isBoundTo(completionSecret)) {
            audit.recordFailure(event("verification.client_binding_mismatch", verification)
                    .detail("method", name(VerificationMethod.EMAIL)));
            throw new ProblemException(ProblemType.CLIENT_BINDING_MISMATCH, "An email verification is completed"
                    + " only in the window that started it. If you did not start it, report it with"
                    + " POST /api/v1/me/verifications/{id}/report.");
        }
    }

    @Override
    public CodeCheck check(Verification verification, String code, Instant now) {
        return verification.isEmailCode(codeHash(verification, code.replaceAll("[\\s-]", "")))
                ? CodeCheck.MATCH : CodeCheck.WRONG;
    }

    @Override
    public EnrolledFactor factor(String userId) {
        return EnrolledFactor.EMAIL;
    }

    /** The code's hash, salted with its verification: one table of the 10^8 codes' hashes fits no other one. */
    private static byte[] codeHash(Verification verification, String code) {
        return Sha256.of(verification.id() + ":" + code);
    }
}
