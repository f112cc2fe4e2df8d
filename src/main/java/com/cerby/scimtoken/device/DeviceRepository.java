package com.cerby.scimtoken.device;

import com.cerby.scimtoken.factor.FactorInventory;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, UUID>, FactorInventory {

    List<Device> listOwnedBy(String userId) {
        return list("userId = ?1 order by createdAt, id", userId);
    }

    long countOwnedBy(String userId) {
        return count("userId", userId);
    }

    @Override
    public boolean hasAny(String userId) {
        return countOwnedBy(userId) > 0;
    }

    /** The device, if it belongs to the user; another user's device is indistinguishable from none. */
    Optional<Device> findOwned(UUID deviceId, String userId) {
        return find("id = ?1 and userId = ?2", deviceId, userId).firstResultOptional();
    }
}
