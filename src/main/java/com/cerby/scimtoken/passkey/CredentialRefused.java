package com.cerby.scimtoken.passkey;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * A browser's credential that webauthn4j (or this service) did not accept, with the reason in words. A signature
 * counter that went backwards, the mark of a cloned authenticator, says so and keeps both counts.
 */
public class CredentialRefused extends RuntimeException {

    private final transient Passkey passkey;
    private final OptionalLong presentedCount;

    CredentialRefused(String reason) {
        this(reason, null, OptionalLong.empty());
    }

    CredentialRefused(String reason, Passkey passkey, OptionalLong presentedCount) {
        super(reason, null, false, false);
        this.passkey = passkey;
        this.presentedCount = presentedCount;
    }

    /** The signature counter the assertion presented, when it was not above the stored one. */
    public OptionalLong regressedCount() {
        return presentedCount;
    }

    /** The passkey whose counter went backwards; null unless {@link #regressedCount()} is present. */
    public UUID passkeyId() {
        return passkey == null ? null : passkey.id();
    }

    /** Its counter as stored; 0 unless {@link #regressedCount()} is present. */
    public long storedCount() {
        return passkey == null ? 0 : passkey.signCount();
    }
}
