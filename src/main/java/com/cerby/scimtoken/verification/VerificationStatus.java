package com.cerby.scimtoken.verification;

/** PENDING moves once, to one of the others, which never change again. */
public enum VerificationStatus {
    PENDING, APPROVED, DENIED, EXPIRED, CANCELLED, FAILED
}
