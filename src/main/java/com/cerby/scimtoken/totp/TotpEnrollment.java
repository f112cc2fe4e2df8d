package com.cerby.scimtoken.totp;

/**
 * What an authenticator app needs, shown once at enrollment: the base32 seed, its otpauth:// URI, and that URI as a
 * QR code to scan ({@code data:image/svg+xml;base64,…}).
 */
public record TotpEnrollment(String secret, String otpauthUri, String algorithm, int digits, long periodSeconds,
        String qrCode) {
}
