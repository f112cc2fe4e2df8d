package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.factor.OwnedFactors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class PasskeyRepository implements OwnedFactors<Passkey> {

    /** The user's passkey with this credential id; another user's credential is indistinguishable from none. */
    Optional<Passkey> findOwnedByCredentialId(byte[] credentialId, String userId) {
        return find("credentialId = ?1 and userId = ?2", credentialId, userId).firstResultOptional();
    }

    boolean isRegistered(byte[] credentialId) {
        return count("credentialId", credentialId) > 0;
    }
}
