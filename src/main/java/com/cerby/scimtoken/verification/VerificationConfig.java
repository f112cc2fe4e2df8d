package com.cerby.scimtoken.verification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Step-up verification settings and abuse limits ({@code scim-token.verification.*}). */
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

    /** Pending verifications a user may have at once. */
    @WithDefault("3")
    int maxPending();

    /** Push verifications a user may start in any rolling hour. */
    @WithDefault("10")
    int maxPushPerHour();

    /** Wrong codes a TOTP or email verification takes before it fails. */
    @WithDefault("5")
    int maxCodeAttempts();

    /** How often overdue pending verifications are marked expired. */
    @WithDefault("PT30S")
    Duration sweepInterval();
}
