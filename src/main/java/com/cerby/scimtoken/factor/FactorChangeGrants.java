package com.cerby.scimtoken.factor;

import java.util.UUID;

/** Approved {@code manage_factors} verifications, spent on factor changes; the verification feature keeps them. */
public interface FactorChangeGrants {

    /**
     * Spends the caller's approved {@code manage_factors} verification in the caller's transaction: 403
     * {@code verification_required} when it is not approved, too old, another user's or for another action,
     * 409 {@code verification_already_used} when it was spent. Refusals are audited.
     */
    void spend(String workspaceId, UUID verificationId);
}
