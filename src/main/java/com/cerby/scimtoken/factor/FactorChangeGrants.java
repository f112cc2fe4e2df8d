package com.cerby.scimtoken.factor;

import java.util.UUID;

/** Approved {@code manage_factors} verifications, spent on factor changes; the verification feature keeps them. */
public interface FactorChangeGrants {

    /**
     * Spends the caller's approved {@code manage_factors} verification in the caller's transaction. The approval
     * belongs to the user, not to a session: any JWT of the same user spends it, whatever its workspace (a phone's
     * has none). 403 {@code verification_required} when it is not approved, too old, another user's or for another
     * action, 409 {@code verification_already_used} when it was spent. Refusals are audited.
     */
    void spend(UUID verificationId);

    /**
     * Whether the verification is the caller's approved {@code manage_factors} verification and was spent: the proof
     * an unfinished enrollment kept from its start.
     */
    boolean wasSpent(UUID verificationId);
}
