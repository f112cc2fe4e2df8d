package com.cerby.scimtoken.verification;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class VerificationRepository implements PanacheRepositoryBase<Verification, UUID> {

    /** The verification, if the user started it; anyone else's is indistinguishable from none. */
    Optional<Verification> findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    /** Push verifications waiting for the user's phone, oldest first. */
    List<Verification> listPendingPush(String userId, Instant now) {
        return list("userId = ?1 and status = ?2 and method = ?3 and expiresAt > ?4 order by createdAt, id", userId,
                VerificationStatus.PENDING, VerificationMethod.PUSH, now);
    }
}
