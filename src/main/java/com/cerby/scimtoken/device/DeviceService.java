package com.cerby.scimtoken.device;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
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
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final Caller caller;
    private final Clock clock;

    DeviceService(DeviceRepository devices, AdvisoryLocks locks, AuditLog audit, Caller caller, Clock clock) {
        this.devices = devices;
        this.locks = locks;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional
    public DeviceView enroll(EnrollDeviceRequest request) {
        String canonicalJwk = DevicePublicKey.canonical(request.publicKey());
        locks.lock("device:" + caller.userId());
        if (devices.countOwnedBy(caller.userId()) >= MAX_DEVICES_PER_USER) {
            throw new ProblemException(ProblemType.TOO_MANY_DEVICES,
                    "A user can enroll at most " + MAX_DEVICES_PER_USER + " devices; remove one first.");
        }
        Device device = Device.enroll(caller.userId(), request.name().strip(), canonicalJwk, request.pushToken(),
                clock.instant());
        devices.persist(device);
        audit.record(AuditEvent.of("device.enrolled", caller.workspaceId(), caller.userId()).device(device.id())
                .detail("name", device.name()));
        return DeviceView.of(device);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeviceView> list() {
        return devices.listOwnedBy(caller.userId()).stream().map(DeviceView::of).toList();
    }

    @Transactional
    public void remove(UUID deviceId) {
        Device device = devices.findOwned(deviceId, caller.userId()).orElseThrow(
                () -> new ProblemException(ProblemType.DEVICE_NOT_FOUND, "You have no device with this id."));
        devices.delete(device);
        audit.record(AuditEvent.of("device.removed", caller.workspaceId(), caller.userId()).device(deviceId)
                .detail("name", device.name()));
    }

    /** The user's devices, which can approve push verifications. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Device> devicesOf(String userId) {
        return devices.listOwnedBy(userId);
    }
}
