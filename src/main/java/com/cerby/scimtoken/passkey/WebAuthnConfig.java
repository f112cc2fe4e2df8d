package com.cerby.scimtoken.passkey;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The WebAuthn relying party ({@code scim-token.webauthn.*}): the domain passkeys are bound to and the web origins
 * allowed to use them. Without a relying party id, passkeys are off.
 */
@ConfigMapping(prefix = "scim-token.webauthn")
public interface WebAuthnConfig {

    /**
     * The relying party id: the web app's domain or a registrable suffix of it ({@code example.com} serves
     * {@code https://app.example.com}). A passkey works only for the id it was registered with.
     */
    Optional<String> rpId();

    /** The name an authenticator shows when it creates a passkey. */
    @WithDefault("SCIM token service")
    String rpName();

    /**
     * The origins whose pages may create and use passkeys (where the console runs, as the browser's address bar
     * shows it, behind any proxy); by default {@code https://} and the relying party id.
     */
    Optional<List<String>> origins();
}
