package com.cerby.scimtoken.common.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape shared by every secret this service hands out (the SCIM token {@code scim_}, an OAuth client secret
 * {@code scimcs_}): a prefix + 43 base62 random characters (256 bits) + 6 base62 characters of the CRC32 of the
 * random part. The prefix and checksum let secret scanners recognise one, and let the service refuse a mistyped one
 * without a database lookup.
 */
public final class ScannableSecret {

    public static final int RANDOM_LENGTH = 43;
    public static final int CHECKSUM_LENGTH = 6;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** The largest multiple of 62 below 256: bytes at or above it are redrawn so every character is uniform. */
    private static final int UNBIASED_LIMIT = 248;

    private ScannableSecret() {
    }

    /** The full length of a secret with this prefix. */
    public static int length(String prefix) {
        return prefix.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    }

    public static String generate(SecureRandom random, String prefix) {
        StringBuilder randomPart = new StringBuilder(RANDOM_LENGTH);
        byte[] buffer = new byte[1];
        while (randomPart.length() < RANDOM_LENGTH) {
            random.nextBytes(buffer);
            int value = buffer[0] & 0xff;
            if (value < UNBIASED_LIMIT) {
                randomPart.append(ALPHABET.charAt(value % ALPHABET.length()));
            }
        }
        return prefix + randomPart + checksum(randomPart);
    }

    /** Whether the text has the prefix, length, alphabet and checksum of a secret; says nothing of its validity. */
    public static boolean isWellFormed(String text, String prefix) {
        int length = length(prefix);
        if (text == null || text.length() != length || !text.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < length; i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        String randomPart = text.substring(prefix.length(), prefix.length() + RANDOM_LENGTH);
        return checksum(randomPart).equals(text.substring(prefix.length() + RANDOM_LENGTH));
    }

    /** What a UI may show of a secret: the prefix and the last four characters. */
    public static String hint(String secret, String prefix) {
        return prefix + "…" + secret.substring(secret.length() - 4);
    }

    public static String checksum(CharSequence randomPart) {
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
