package com.cerby.scimtoken.verification;

/** Why a verification was denied or failed. */
public enum VerificationReason {
    USER_DENIED, REPORTED_SUSPICIOUS, NUMBER_MISMATCH, TOO_MANY_ATTEMPTS
}
