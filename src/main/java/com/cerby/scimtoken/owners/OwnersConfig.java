package com.cerby.scimtoken.owners;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who hears about a workspace's token, and when ({@code scim-token.owners.*}). */
@ConfigMapping(prefix = "scim-token.owners")
public interface OwnersConfig {

    /**
     * Addresses told about every workspace's token (e.g. a security team's list), besides the owners the service
     * has seen.
     */
    Optional<List<String>> notifyEmails();

    /** An owner seen less recently than this is no longer told. */
    @WithDefault("P90D")
    Duration contactMaxAge();

    /** How often the owners seen are written down (batched: no write per request). */
    @WithDefault("PT1M")
    Duration contactFlushInterval();

    /** Days before a current token's expiry at which its owners are warned, once each. */
    @WithDefault("14,3,1")
    List<Integer> expiryWarningDays();

    /** How often tokens are checked for a warning that is due. */
    @WithDefault("PT1H")
    Duration expiryCheckInterval();
}
