package com.cerby.scimtoken.verification;

import java.time.Instant;

/**
 * One way for a user to prove who they are (push, TOTP, email, passkey): whether it can serve the user now, and how
 * a verification of it begins. How it completes differs (a phone's decision, a code, an assertion) and lives with
 * each method.
 */
interface VerificationMethodHandler {

    VerificationMethod method();

    /**
     * Whether the method may prove this action at all: a weak factor (an email) or a fallback (a recovery code) is
     * limited to what it may approve. The start answers 403 {@code method_not_allowed} otherwise.
     */
    default boolean allows(VerificationAction action) {
        return true;
    }

    /** Refuses (with a problem) a start the method cannot serve: not enrolled, blocked, over its limits. */
    void requireAvailable(String userId, Instant now);

    /**
     * Begins a new verification before it is stored, in the start's transaction: its challenge (a number to match,
     * a code to expect), and whatever reaches the user (notifications to the phones, the email).
     */
    void begin(Verification verification);
}
