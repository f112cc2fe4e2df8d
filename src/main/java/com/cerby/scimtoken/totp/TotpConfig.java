package com.cerby.scimtoken.totp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** TOTP settings ({@code scim-token.totp.*}). */
@ConfigMapping(prefix = "scim-token.totp")
public interface TotpConfig {

    /** The issuer shown by authenticator apps next to the account. */
    @WithDefault("SCIM Token Service")
    String issuer();
}
