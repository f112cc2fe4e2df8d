package com.cerby.scimtoken.totp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Size;

/** TOTP settings ({@code scim-token.totp.*}). */
@ConfigMapping(prefix = "scim-token.totp")
public interface TotpConfig {

    /** The issuer shown by authenticator apps next to the account; short, so the enrollment URI stays short. */
    @WithDefault("SCIM Token Service")
    @Size(min = 1, max = 100)
    String issuer();
}
