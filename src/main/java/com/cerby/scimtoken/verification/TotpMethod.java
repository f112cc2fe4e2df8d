package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.totp.CodeCheck;
import com.cerby.scimtoken.totp.TotpService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** A code of the user's confirmed TOTP authenticator. */
@ApplicationScoped
public class TotpMethod implements VerificationMethodHandler, CodeMethod {

    private final TotpService totp;
    private final UserGuards guards;
    private final VerificationConfig config;

    TotpMethod(TotpService totp, UserGuards guards, VerificationConfig config) {
        this.totp = totp;
        this.guards = guards;
        this.config = config;
    }

    @Override
    public VerificationMethod method() {
        return VerificationMethod.TOTP;
    }

    @Override
    public void requireAvailable(String userId, Instant now) {
        guards.requireCodesUnlocked(userId, now);
        if (!totp.hasAny(userId)) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "Enroll and confirm a TOTP authenticator (POST /api/v1/me/totp) first.");
        }
    }

    @Override
    public void begin(Verification verification) {
        verification.expectCode(config.maxCodeAttempts(), null);
    }

    @Override
    public CodeCheck check(Verification verification, String code, Instant now) {
        return totp.check(verification.userId(), code, now);
    }

    @Override
    public EnrolledFactor factor(String userId) {
        return totp.enrolledFactor(userId);
    }
}
