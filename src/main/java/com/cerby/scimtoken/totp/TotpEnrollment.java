package com.cerby.scimtoken.totp;

/** What an authenticator app needs, shown once at enrollment: the base32 seed and its otpauth:// URI. */
public record TotpEnrollment(String secret, String otpauthUri, String algorithm, int digits, long periodSeconds) {
}
