package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.crypto.ScannableSecret;
import com.cerby.scimtoken.common.crypto.Sha256;
import java.security.SecureRandom;

/**
 * The SCIM token's shape: {@code scim_} + 43 base62 random characters (256 bits) + 6 base62 characters of the
 * CRC32 of the random part ({@link ScannableSecret}). The prefix and checksum let secret scanners recognise a token,
 * and let the service refuse a mistyped one without a database lookup.
 */
public final class TokenFormat {

    public static final String PREFIX = "scim_";
    public static final int LENGTH = ScannableSecret.length(PREFIX);

    private TokenFormat() {
    }

    public static String generate(SecureRandom random) {
        return ScannableSecret.generate(random, PREFIX);
    }

    /** Whether the text has the prefix, length, alphabet and checksum of a token; says nothing of its validity. */
    public static boolean isWellFormed(String text) {
        return ScannableSecret.isWellFormed(text, PREFIX);
    }

    /** What the UI may show of a token: the prefix and the last four characters. */
    public static String hint(String token) {
        return ScannableSecret.hint(token, PREFIX);
    }

    /** The SHA-256 of the token, the only form in which it is looked up. */
    public static byte[] lookupHash(String token) {
        return Sha256.of(token);
    }

    static String checksum(CharSequence randomPart) {
        return ScannableSecret.checksum(randomPart);
    }
}
