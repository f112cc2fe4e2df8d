package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The SCIM token's shape: {@code scim_} + 43 base62 random characters (256 bits) + 6 base62 characters of the
 * CRC32 of the random part. The prefix and checksum let secret scanners recognise a token, and let the service
 * refuse a mistyped one without a database lookup.
 */
public final class TokenFormat {

    public static final String PREFIX = "scim_";
    static final int RANDOM_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** The largest multiple of 62 below 256: bytes at or above it are redrawn so every character is uniform. */
    private static final int UNBIASED_LIMIT = 248;

    private TokenFormat() {
    }

    public static String generate(SecureRandom random) {
        StringBuilder randomPart = new StringBuilder(RANDOM_LENGTH);
        byte[] buffer = new byte[1];
        while (randomPart.length() < RANDOM_LENGTH) {
            random.nextBytes(buffer);
            int value = buffer[0] & 0xff;
            if (value < UNBIASED_LIMIT) {
                randomPart.append(ALPHABET.charAt(value % ALPHABET.length()));
            }
        }
        return PREFIX + randomPart + checksum(randomPart);
    }

    /** Whether the text has the prefix, length, alphabet and checksum of a token; says nothing of its validity. */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        String randomPart = text.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
        return checksum(randomPart).equals(text.substring(PREFIX.length() + RANDOM_LENGTH));
    }

    /** What the UI may show of a token: the prefix and the last four characters. */
    public static String hint(String token) {
        return PREFIX + "…" + token.substring(token.length() - 4);
    }

    /** The SHA-256 of the token, the only form in which it is looked up. */
    public static byte[] lookupHash(String token) {
        return Sha256.of(token);
    }

    static String checksum(CharSequence randomPart) {
        CRC32 crc = new CRC32();
        crc.update(randomPart.toString().getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (value % ALPHABET.length()));
            value /= ALPHABET.length();
        }
        return new String(digits);
    }
}
