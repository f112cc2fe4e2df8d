package com.cerby.scimtoken.totp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based one-time passwords (HOTP of RFC 4226 over time steps). */
public final class TimeBasedOtp {

    public enum Algorithm {
        SHA1("HmacSHA1"), SHA256("HmacSHA256"), SHA512("HmacSHA512");

        private final String mac;

        Algorithm(String mac) {
            this.mac = mac;
        }
    }

    private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000 };

    private final Algorithm algorithm;
    private final int digits;
    private final Duration period;

    public TimeBasedOtp(Algorithm algorithm, int digits, Duration period) {
        this.algorithm = algorithm;
        this.digits = digits;
        this.period = period;
    }

    /** The time step an instant falls into, counted from the Unix epoch. */
    public long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), period.toSeconds());
    }

    public String generate(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance(algorithm.mac);
            mac.init(new SecretKeySpec(secret, algorithm.mac));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
            return "0".repeat(digits - code.length()) + code;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.mac + " is part of every Java runtime", e);
        }
    }

    /**
     * The step, within {@code window} steps of now, whose code equals the given one. Every candidate is compared
     * in constant time, and all of them are computed, so the answer's timing says nothing about the code.
     */
    public OptionalLong match(byte[] secret, String code, Instant now, int window) {
        byte[] offered = code.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        long matched = -1;
        for (long step = current - window; step <= current + window; step++) {
            boolean equal = MessageDigest.isEqual(offered, generate(secret, step).getBytes(StandardCharsets.US_ASCII));
            matched = equal && matched < 0 ? step : matched;
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }
}
