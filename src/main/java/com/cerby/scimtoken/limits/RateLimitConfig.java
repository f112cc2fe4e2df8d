package com.cerby.scimtoken.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-caller request budgets of this instance ({@code scim-token.rate-limit.*}); 0 turns a budget off. */
@ConfigMapping(prefix = "scim-token.rate-limit")
public interface RateLimitConfig {

    /** Every /api/v1 route but introspection, per JWT subject. */
    App app();

    /** Introspection, per JWT subject: the SCIM server is one caller for all of its traffic. */
    Introspection introspection();

    /** Requests without a valid JWT, per client address. */
    Unauthenticated unauthenticated();

    /** Secret-scanning reports (signed, without a JWT), per client address. */
    LeakReports leakReports();

    /**
     * Token requests of one OAuth client, charged once it has authenticated: only a holder of its credential can
     * spend it (failed authentications spend the address's budget only).
     */
    OauthClient oauthClient();

    interface App {
        @WithDefault("600")
        long perMinute();
    }

    interface Introspection {
        @WithDefault("10000")
        long perSecond();
    }

    interface Unauthenticated {
        @WithDefault("60")
        long perMinute();
    }

    interface LeakReports {
        @WithDefault("60")
        long perMinute();
    }

    interface OauthClient {
        @WithDefault("30")
        long perMinute();
    }
}
