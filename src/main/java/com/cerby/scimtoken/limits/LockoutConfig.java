package com.cerby.scimtoken.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The per-user brakes of the verification methods ({@code scim-token.verification.*}, beside the method settings). */
@ConfigMapping(prefix = "scim-token.verification")
public interface LockoutConfig {

    /** How long push verifications are refused after the user reported one as suspicious. */
    @WithDefault("PT15M")
    Duration pushBlock();

    /** How long email verifications are refused after the user reported one as suspicious ("This wasn't me"). */
    @WithDefault("PT15M")
    Duration emailBlock();

    /** Consecutive wrong codes, across verifications, that lock a user's code methods. */
    @WithDefault("10")
    int userCodeFailures();

    /** How long the code methods stay locked. */
    @WithDefault("PT15M")
    Duration codeLockout();
}
