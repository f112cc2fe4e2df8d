package com.cerby.scimtoken.device;

/** A decision that cannot be trusted; the reason goes into the audit log, never to the caller in detail. */
public class InvalidAssertionException extends Exception {

    public InvalidAssertionException(String reason) {
        super(reason, null, false, false);
    }
}
