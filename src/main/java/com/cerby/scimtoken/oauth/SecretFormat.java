package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.crypto.ScannableSecret;
import com.cerby.scimtoken.common.crypto.Sha256;
import java.security.SecureRandom;

/**
 * A client secret's shape: {@code scimcs_} + 43 base62 random characters + 6 base62 of their CRC32, the SCIM token's
 * format under its own prefix, so that secret scanners tell the two apart and a mistyped secret needs no lookup.
 */
public final class SecretFormat {

    public static final String PREFIX = "scimcs_";
    public static final int LENGTH = ScannableSecret.length(PREFIX);

    private SecretFormat() {
    }

    static String generate(SecureRandom random) {
        return ScannableSecret.generate(random, PREFIX);
    }

    public static boolean isWellFormed(String text) {
        return ScannableSecret.isWellFormed(text, PREFIX);
    }

    static String hint(String secret) {
        return ScannableSecret.hint(secret, PREFIX);
    }

    /** The SHA-256 of the secret, the only form in which it is stored and looked up. */
    public static byte[] lookupHash(String secret) {
        return Sha256.of(secret);
    }
}
