package com.cerby.scimtoken.factor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

/** The user's factors of every kind in one summary, each kind writing its own part. */
@ApplicationScoped
public class FactorSummaries {

    private final Instance<FactorInventory> inventories;

    FactorSummaries(Instance<FactorInventory> inventories) {
        this.inventories = inventories;
    }

    /** One transaction, so that the parts agree with each other. */
    @Transactional
    public FactorSummary.View of(String userId) {
        FactorSummary summary = new FactorSummary();
        inventories.forEach(inventory -> inventory.summarize(userId, summary));
        return summary.view();
    }
}
