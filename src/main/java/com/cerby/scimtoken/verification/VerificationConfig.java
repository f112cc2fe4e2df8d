package com.cerby.scimtoken.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Step-up verification settings ({@code scim-token.verification.*}). */
@ConfigMapping(prefix = "scim-token.verification")
public interface VerificationConfig {

    /** How long a verification stays pending; at most 10 minutes. */
    @WithDefault("PT300S")
    Duration ttl();

    /** How long an approval may be used for its operation. */
    @WithDefault("PT300S")
    Duration grantTtl();

    /** The poll period advised to the web app. */
    @WithDefault("PT4S")
    Duration pollInterval();

    /** How long push verifications are refused after the user reported one as suspicious. */
    @WithDefault("PT15M")
    Duration pushBlock();
}
