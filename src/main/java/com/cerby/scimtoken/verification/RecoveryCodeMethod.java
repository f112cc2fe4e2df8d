package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.factor.RecoveryCodes;
import com.cerby.scimtoken.limits.UserGuards;
import com.cerby.scimtoken.totp.CodeCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * One of the user's recovery codes, typed like a TOTP code. It proves only a change of the user's factors: losing a
 * phone must not lock anyone out, but a code on a sheet of paper never reveals or rotates a token. A right code is
 * spent with the approval; a wrong or spent one is a failed attempt, counted toward the user's lockout.
 */
@ApplicationScoped
public class RecoveryCodeMethod implements VerificationMethodHandler, CodeMethod {

    private final RecoveryCodes codes;
    private final UserGuards guards;
    private final VerificationConfig config;

    RecoveryCodeMethod(RecoveryCodes codes, UserGuards guards, VerificationConfig config) {
        this.codes = codes;
        this.guards = guards;
        this.config = config;
    }

    @Override
    public VerificationMethod method() {
        return VerificationMethod.RECOVERY_CODE;
    }

    @Override
    public boolean allows(VerificationAction action) {
        return action == VerificationAction.MANAGE_FACTORS;
    }

    @Override
    public void requireAvailable(String userId, Instant now) {
        guards.requireCodesUnlocked(userId, now);
        if (!codes.hasAny(userId)) {
            throw new ProblemException(ProblemType.METHOD_NOT_ENROLLED,
                    "You have no unused recovery codes (POST /api/v1/me/recovery-codes makes a set).");
        }
    }

    @Override
    public void begin(Verification verification) {
        verification.expectCode(config.maxCodeAttempts(), null);
    }

    /** A spent code is as wrong as a mistyped one: nothing tells a guesser that it once was right. */
    @Override
    public CodeCheck check(Verification verification, String code, Instant now) {
        return codes.use(verification.userId(), code, now) ? CodeCheck.MATCH : CodeCheck.WRONG;
    }

    @Override
    public EnrolledFactor factor(String userId) {
        return codes.enrolledFactor(userId);
    }
}
