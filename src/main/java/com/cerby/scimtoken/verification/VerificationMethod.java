package com.cerby.scimtoken.verification;

/**
 * How the user proves who they are: push to an enrolled phone (default), email link, TOTP code, passkey, or one of
 * their recovery codes (only to change their factors).
 */
public enum VerificationMethod {
    PUSH, EMAIL, TOTP, PASSKEY, RECOVERY_CODE
}
