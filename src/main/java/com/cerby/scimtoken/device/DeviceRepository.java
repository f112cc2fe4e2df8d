package com.cerby.scimtoken.device;

import com.cerby.scimtoken.factor.OwnedFactors;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeviceRepository implements OwnedFactors<Device> {
}
