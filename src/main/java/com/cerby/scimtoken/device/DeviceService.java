package com.cerby.scimtoken.device;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.web.Ids;
import com.cerby.scimtoken.factor.FactorChange;
import com.cerby.scimtoken.factor.FactorEvents;
import com.cerby.scimtoken.factor.FactorGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeviceService {

    /** Cerby's limit of enrolled devices per user. */
    static final int MAX_DEVICES_PER_USER = 20;

    private final DeviceRepository devices;
    private final FactorGate gate;
    private final FactorEvents events;
    private final Caller caller;
    private final Clock clock;

    DeviceService(DeviceRepository devices, FactorGate gate, FactorEvents events, Caller caller, Clock clock) {
        this.devices = devices;
        this.gate = gate;
        this.events = events;
        this.caller = caller;
        this.clock = clock;
    }

    /** Enrolls a phone of the caller: their first factor by the first-enrollment rule, any other with step-up. */
    @Transactional
    public DeviceView enroll(EnrollDeviceRequest request) {
        String canonicalJwk = DevicePublicKey.canonical(request.publicKey());
        gate.requireProof(FactorChange.ENROLL_DEVICE, Ids.optionalUuid(request.verificationId()));
        if (devices.countOwnedBy(caller.userId()) >= MAX_DEVICES_PER_USER) {
            throw new ProblemException(ProblemType.TOO_MANY_DEVICES,
                    "A user can enroll at most " + MAX_DEVICES_PER_USER + " devices; remove one first.");
        }
        Device device = new Device(caller.userId(), request.name().strip(), canonicalJwk, request.pushToken(),
                clock.instant());
        devices.persist(device);
        events.changed(FactorChange.ENROLL_DEVICE, device.id(), device.name());
        return DeviceView.of(device);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeviceView> list() {
        return devices.listOwnedBy(caller.userId()).stream().map(DeviceView::of).toList();
    }

    /** Removes a phone of the caller, with an approved {@code manage_factors} verification. */
    @Transactional
    public void remove(UUID deviceId, UUID verificationId) {
        Device device = devices.findOwned(deviceId, caller.userId()).orElseThrow(
                () -> new ProblemException(ProblemType.DEVICE_NOT_FOUND, "You have no device with this id."));
        gate.requireProof(FactorChange.REMOVE_DEVICE, verificationId);
        devices.delete(device);
        events.changed(FactorChange.REMOVE_DEVICE, deviceId, device.name());
    }

    /** The user's devices, which can approve push verifications. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Device> devicesOf(String userId) {
        return devices.listOwnedBy(userId);
    }
}
