package com.cerby.scimtoken.factor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What a user must show to enroll a first factor ({@code scim-token.factors.*}); further changes need step-up. Unfinished
 * enrollments die after {@link #pendingTtl()}.
 */
@ConfigMapping(prefix = "scim-token.factors")
public interface FactorsConfig {

    /** How a user with no factor yet proves that the session is really theirs. */
    enum FirstEnrollment {
        /** The JWT's {@code auth_time} is at most {@link #maxAuthAge()} old: the user has just signed in. */
        RECENT_LOGIN,
        /** A {@code manage_factors} verification approved through a link mailed to the JWT's email. */
        EMAIL,
        /** Nothing but the JWT: only for issuers whose sessions are themselves bound to MFA. */
        OPEN
    }

    @WithDefault("recent-login")
    FirstEnrollment firstEnrollment();

    /** How old a login may be for {@code recent-login}. */
    @WithDefault("PT10M")
    Duration maxAuthAge();

    /**
     * How long an unfinished enrollment (a TOTP authenticator not yet confirmed, a passkey registration challenge)
     * lives; then it is refused with 409 {@code enrollment_expired} and swept.
     */
    @WithDefault("PT10M")
    Duration pendingTtl();
}
