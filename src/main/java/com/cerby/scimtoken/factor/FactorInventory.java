package com.cerby.scimtoken.factor;

/**
 * One kind of factor a user enrolls (phones, TOTP authenticators, passkeys), as the factor rules see it. Each kind
 * implements it; {@link FactorGate} asks all of them whether a user already has a factor.
 */
public interface FactorInventory {

    /** Whether the user has at least one factor of this kind that can approve a verification. */
    boolean hasAny(String userId);
}
