package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.totp.CodeCheck;
import java.time.Instant;

/** A method completed with a code that the user types or clicks (TOTP, email). */
interface CodeMethod {

    /**
     * Refuses (with a problem) a submission from a client the verification is not bound to, before the code is
     * checked; only email binds its verifications to the client that started them.
     */
    default void requireClient(Verification verification, String completionSecret) {
    }

    /** Checks the code for the verification; a right TOTP code's time step is spent. */
    CodeCheck check(Verification verification, String code, Instant now);

    /** The factor that approves with a right code, for the approval's event. */
    EnrolledFactor factor(String userId);
}
