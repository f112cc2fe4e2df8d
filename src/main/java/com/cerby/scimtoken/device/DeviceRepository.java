package com.cerby.scimtoken.device;

import com.cerby.scimtoken.factor.FactorSummary;
import com.cerby.scimtoken.factor.OwnedFactors;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviceRepository implements OwnedFactors<Device> {

    @Override
    public void summarize(String userId, FactorSummary summary) {
        summary.devices(listOwnedBy(userId));
    }
}
