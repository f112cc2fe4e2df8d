package com.cerby.scimtoken.factor;

/** The user's verifications under way, which a reset of their factors cancels; the verification feature keeps them. */
public interface PendingVerifications {

    /** Cancels every pending verification of the user, in the caller's transaction; answers how many. */
    int cancelAll(String userId);
}
