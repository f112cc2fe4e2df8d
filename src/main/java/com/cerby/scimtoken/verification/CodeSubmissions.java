package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Completes a TOTP, email or recovery-code verification with its code. A wrong code is a failed {@link Attempts attempt}.
 */
@ApplicationScoped
public class CodeSubmissions {

    private static final Set<VerificationMethod> CODE_METHODS = Set.of(VerificationMethod.TOTP,
            VerificationMethod.EMAIL, VerificationMethod.RECOVERY_CODE);

    private final TotpMethod totp;
    private final EmailMethod email;
    private final RecoveryCodeMethod recoveryCode;
    private final Attempts attempts;
    private final Clock clock;

    CodeSubmissions(TotpMethod totp, EmailMethod email, RecoveryCodeMethod recoveryCode, Attempts attempts,
            Clock clock) {
        this.totp = totp;
        this.email = email;
        this.recoveryCode = recoveryCode;
        this.attempts = attempts;
        this.clock = clock;
    }

    @Transactional
    public VerificationView submit(String workspaceId, UUID id, String code, String completionSecret) {
        Instant now = clock.instant();
        Verification verification = attempts.open(workspaceId, id, CODE_METHODS, "a code", now);
        CodeMethod method = switch (verification.method()) {
            case TOTP -> totp;
            case RECOVERY_CODE -> recoveryCode;
            default -> email;
        };
        method.requireClient(verification, completionSecret);
        return switch (method.check(verification, code, now)) {
            case MATCH -> attempts.succeeded(verification, method.factor(verification.userId()), now);
            case REPLAYED -> throw new ProblemException(ProblemType.CODE_ALREADY_USED,
                    "This code was already used; wait for the next one.");
            default -> throw attempts.wrongCode(verification, now);
        };
    }
}
