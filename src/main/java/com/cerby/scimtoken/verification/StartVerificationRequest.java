package com.cerby.scimtoken.verification;

/** Both members are optional: a push verification to reveal the token is the default. */
public record StartVerificationRequest(VerificationMethod method, VerificationAction action) {
}
