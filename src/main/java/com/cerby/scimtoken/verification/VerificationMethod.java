package com.cerby.scimtoken.verification;

/** How the user proves who they are: push to an enrolled phone (default), email link, TOTP code, or passkey. */
public enum VerificationMethod {
    PUSH, EMAIL, TOTP, PASSKEY
}
