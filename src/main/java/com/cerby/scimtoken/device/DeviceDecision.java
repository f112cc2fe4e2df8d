package com.cerby.scimtoken.device;

/** What a device decided, after its signature, key, verification id and freshness were checked. */
public record DeviceDecision(Device device, Decision decision, Integer number) {

    public enum Decision {
        APPROVE, DENY, REPORT
    }
}
