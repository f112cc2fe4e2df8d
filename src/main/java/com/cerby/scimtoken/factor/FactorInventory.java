package com.cerby.scimtoken.factor;

/**
 * One kind of factor a user enrolls (phones, TOTP authenticators, passkeys, recovery codes), as the factor rules see
 * it. Each kind implements it; {@link FactorGate} asks all of them whether a user already has a factor, the user's
 * summary ({@code GET /api/v1/me/factors}) asks each for its part, and an operator's reset has each remove its own.
 */
public interface FactorInventory {

    /** Whether the user has at least one factor of this kind that can approve a verification. */
    boolean hasAny(String userId);

    /**
     * Whether this kind only stands in for the others (recovery codes): it counts for the first-factor rule, so
     * that a session JWT cannot add a factor next to it, but a user who has nothing else has nothing to recover.
     */
    default boolean isFallback() {
        return false;
    }

    /**
     * Removes every factor of this kind of the user, confirmed or unfinished, with whatever is pending for one
     * (registration challenges), in the caller's transaction; answers how many factors it removed.
     */
    int removeAll(String userId);

    /** Writes this kind's part of the user's factor summary. */
    void summarize(String userId, FactorSummary summary);
}
