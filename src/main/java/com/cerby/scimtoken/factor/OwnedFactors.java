package com.cerby.scimtoken.factor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The store of one kind of factor that a user owns several of (phones, passkeys): what the factor rules and the
 * user's own list need of it.
 */
public interface OwnedFactors<E extends OwnedFactor> extends PanacheRepositoryBase<E, UUID>, FactorInventory {

    /** The user's factors of this kind, oldest first. */
    default List<E> listOwnedBy(String userId) {
        return list("userId = ?1 order by createdAt, id", userId);
    }

    default long countOwnedBy(String userId) {
        return count("userId", userId);
    }

    @Override
    default boolean hasAny(String userId) {
        return countOwnedBy(userId) > 0;
    }

    @Override
    default int removeAll(String userId) {
        return (int) delete("userId", userId);
    }

    /** The factor, if it belongs to the user; another user's factor is indistinguishable from none. */
    default Optional<E> findOwned(UUID id, String userId) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }
}
