package com.cerby.scimtoken.leak;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Secret-scanning reports of leaked tokens ({@code scim-token.leak-reports.*}). */
@ConfigMapping(prefix = "scim-token.leak-reports")
public interface LeakReportsConfig {

    /** What a report of an active token does: revoke it at once (and tell the owners), or only tell them. */
    enum Action {
        REVOKE, NOTIFY
    }

    @WithDefault("revoke")
    Action action();

    GitHub github();

    interface GitHub {

        /** GitHub's secret-scanning public keys ({@code meta/public_keys/secret_scanning}). */
        @WithDefault("https://api.github.com/meta/public_keys/secret_scanning")
        URI keysUrl();

        /** At most one fetch of the keys per interval, when a report names a key id that is not known. */
        @WithDefault("PT1M")
        Duration keysRefreshInterval();

        /** How long fetching the keys may take. */
        @WithDefault("PT5S")
        Duration timeout();
    }
}
