package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.factor.EnrolledFactor;
import com.cerby.scimtoken.totp.CodeCheck;
import java.time.Instant;

/** A method completed with a code that the user types or clicks (TOTP, email). */
interface CodeMethod {

    /** Checks the code for the verification; a right TOTP code's time step is spent. */
    CodeCheck check(Verification verification, String code, Instant now);

    /** The factor that approves with a right code, for the approval's event. */
    EnrolledFactor factor(String userId);
}
