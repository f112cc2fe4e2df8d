package com.cerby.scimtoken.totp;

/** The outcome of a TOTP code: right (and now spent), wrong, or right but already used. */
public enum CodeCheck {
    MATCH, WRONG, REPLAYED
}
