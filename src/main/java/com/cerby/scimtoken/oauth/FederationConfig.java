package com.cerby.scimtoken.oauth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Workload identity federation at the token endpoint ({@code scim-token.oauth.federation.*}): how a client assertion
 * signed by a federated credential's issuer is checked, and how that issuer's keys are fetched.
 */
@ConfigMapping(prefix = "scim-token.oauth.federation")
public interface FederationConfig {

    /** The connect and answer timeout of each fetch of an issuer's discovery document or JWKS. */
    @WithDefault("PT3S")
    Duration fetchTimeout();

    /**
     * The least time between two fetches of one issuer's keys: an assertion naming an unknown {@code kid} fetches them
     * again (a key the issuer has just rotated in) at most this often, so that made-up key ids cannot make the
     * service hammer the issuer.
     */
    @WithDefault("PT1M")
    Duration keysRefetchInterval();

    /** How long fetched keys are trusted without a fetch: a key the issuer withdrew stops working after this. */
    @WithDefault("PT1H")
    Duration keysMaxAge();

    /** The clock difference tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    @WithDefault("PT60S")
    Duration clockSkew();

    /**
     * The longest lifetime of an assertion ({@code exp} after {@code iat}, or after now without {@code iat}): Entra
     * ID's tokens live 60 to 90 minutes; the used {@code jti}s are kept until their assertions expire.
     */
    @WithDefault("PT2H")
    Duration maxAssertionLifetime();

    /** How often the used {@code jti}s of expired assertions are deleted (read by {@link UsedAssertionSweeper}). */
    @WithDefault("PT5M")
    Duration sweepInterval();
}
