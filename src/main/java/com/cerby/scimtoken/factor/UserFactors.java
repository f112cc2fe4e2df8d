package com.cerby.scimtoken.factor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

/**
 * Whether a user has a factor, asked of every kind at once: the one answer the first-factor rule, the email method's
 * first-factor case and the recovery codes' "nothing to recover" all go by.
 */
@ApplicationScoped
public class UserFactors {

    private final Instance<FactorInventory> inventories;

    UserFactors(Instance<FactorInventory> inventories) {
        this.inventories = inventories;
    }

    /** Whether the user has any factor, recovery codes included: then no change is a first factor's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean hasAny(String userId) {
        return inventories.stream().anyMatch(inventory -> inventory.hasAny(userId));
    }

    /** Whether the user has a factor that recovery codes could stand in for (a phone, an authenticator, a passkey). */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean hasAnyBesidesFallbacks(String userId) {
        return inventories.stream().filter(inventory -> !inventory.isFallback())
                .anyMatch(inventory -> inventory.hasAny(userId));
    }
}
