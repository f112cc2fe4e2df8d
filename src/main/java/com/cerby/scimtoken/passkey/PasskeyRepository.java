package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.factor.FactorInventory;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PasskeyRepository implements PanacheRepositoryBase<Passkey, UUID>, FactorInventory {

    List<Passkey> listOwnedBy(String userId) {
        return list("userId = ?1 order by createdAt, id", userId);
    }

    long countOwnedBy(String userId) {
        return count("userId", userId);
    }

    @Override
    public boolean hasAny(String userId) {
        return countOwnedBy(userId) > 0;
    }

    /** The passkey, if it belongs to the user; another user's passkey is indistinguishable from none. */
    Optional<Passkey> findOwned(UUID passkeyId, String userId) {
        return find("id = ?1 and userId = ?2", passkeyId, userId).firstResultOptional();
    }

    /** The user's passkey with this credential id; another user's credential is indistinguishable from none. */
    Optional<Passkey> findOwnedByCredentialId(byte[] credentialId, String userId) {
        return find("credentialId = ?1 and userId = ?2", credentialId, userId).firstResultOptional();
    }

    boolean isRegistered(byte[] credentialId) {
        return count("credentialId", credentialId) > 0;
    }
}
