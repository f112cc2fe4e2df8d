package com.cerby.scimtoken.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record DeviceView(UUID id, String name, Instant createdAt, Instant lastUsedAt) {

    static DeviceView of(Device device) {
        return new DeviceView(device.id(), device.name(), device.createdAt(), device.lastUsedAt());
    }

    public record Page(List<DeviceView> items) {
    }
}
