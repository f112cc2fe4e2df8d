package com.cerby.scimtoken.factor;

/**
 * The user's verifications under way or approved and not spent, which a reset of their factors ends; the
 * verification feature keeps them.
 */
public interface PendingVerifications {

    /**
     * Cancels every pending verification of the user and voids every unspent approval, in the caller's
     * transaction; answers how many.
     */
    int cancelAll(String userId);
}
