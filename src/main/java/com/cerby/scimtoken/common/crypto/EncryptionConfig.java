package com.cerby.scimtoken.common.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** The AES-256 keys that encrypt secrets (SCIM tokens, TOTP seeds) at rest. */
@ConfigMapping(prefix = "scim-token.encryption")
public interface EncryptionConfig {

    /**
     * Keys as {@code id:base64} entries (each key 32 random bytes), comma separated. Keep retired keys listed
     * for as long as tokens encrypted with them exist.
     */
    List<String> keys();

    /** The id of the key that encrypts new tokens; defaults to the first key listed. */
    Optional<String> activeKeyId();
}
