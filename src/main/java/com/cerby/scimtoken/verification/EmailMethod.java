package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.verification.VerificationEvents.event;

import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.totp.CodeCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** A one-time link mailed to the JWT's email address; its code (256 random bits) is stored only as a hash. */
@ApplicationScoped
public class EmailMethod implements VerificationMethodHandler, CodeMethod {

    private static final int CODE_BYTES = 32;

    private final VerificationMailer mailer;
    private final UserGuards guards;
    private final AuditLog audit;
    private final Caller caller;
    private final VerificationConfig config;
    private final SecureRandom random;

    EmailMethod(VerificationMailer mailer, UserGuards guards, AuditLog audit, Caller caller, VerificationConfig config,
            SecureRandom random) {
        this.mailer = mailer;
        this.guards = guards;
        this.audit = audit;
        this.caller = caller;
        this.config = config;
        this.random = random;
    }

    @Override
    public VerificationMethod method() {
        return VerificationMethod.EMAIL;
    }

    @Override
    public void requireAvailable(String userId, Instant now) {
        guards.requireCodesUnlocked(userId, now);
        if (caller.email().isEmpty()) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Your session has no email address to send the link to.");
        }
        if (!mailer.isConfigured()) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Email verification is not configured on this server.");
        }
    }

    /** Mails the link within the request: a mail the SMTP server refuses fails the start (503), nothing is kept. */
    @Override
    public void begin(Verification verification) {
        byte[] bytes = new byte[CODE_BYTES];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        verification.expectCode(config.maxCodeAttempts(), Sha256.of(code));
        String to = caller.email().orElseThrow();
        mailer.send(to, verification, code);
        audit.record(event("verification.email_sent", verification).detail("to", to));
    }

    @Override
    public CodeCheck check(Verification verification, String code, Instant now) {
        return verification.isEmailCode(Sha256.of(code.strip())) ? CodeCheck.MATCH : CodeCheck.WRONG;
    }

    @Override
    public EnrolledFactor factor(String userId) {
        return EnrolledFactor.EMAIL;
    }
}
