package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.db.ChangeFeed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the credential (a secret or a federated credential) that got an access token still exists, which
 * introspection asks of every access token. Once the database has said yes, the answer comes from memory; deleting a
 * credential or a client makes every instance forget what it knew: this one when the deletion commits, the others
 * through the {@link ChangeFeed} (milliseconds later, as for a revoked SCIM token).
 */
@ApplicationScoped
class LiveCredentials {

    static final String CHANNEL = "oauth_credentials";
    /** Credentials remembered at most; more are asked of the database each time (a workspace has a few). */
    static final int MAX_REMEMBERED = 100_000;

    private final EntityManager entityManager;
    private final ChangeFeed feed;
    /** Credential id to its client's id, for credentials known to exist. */
    private final Map<UUID, UUID> existing = new ConcurrentHashMap<>();
    private final Object generationLock = new Object();
    private long generation;

    LiveCredentials(EntityManager entityManager, ChangeFeed feed) {
        this.entityManager = entityManager;
        this.feed = feed;
        // A deletion on any instance; null: the feed may have missed one. Forget everything either way.
        feed.subscribe(CHANNEL, deleted -> forget());
    }

    /**
     * Whether the client still has this credential. A yes is remembered unless a deletion was heard while the
     * database answered: then it serves this request only.
     */
    boolean exist(UUID clientId, UUID credentialId) {
        if (clientId.equals(existing.get(credentialId))) {
            return true;
        }
        long before;
        synchronized (generationLock) {
            before = generation;
        }
        boolean exists = QuarkusTransaction.requiringNew().call(() -> !entityManager
                .createNativeQuery("select 1 from oauth_client_secret where id = :credential and client_id = :client"
                        + " union all select 1 from federated_credential where id = :credential"
                        + " and client_id = :client")
                .setParameter("credential", credentialId).setParameter("client", clientId)
                .getResultList().isEmpty());
        synchronized (generationLock) {
            if (exists && generation == before && existing.size() < MAX_REMEMBERED) {
                existing.put(credentialId, clientId);
            }
        }
        return exists;
    }

    /** Announces, inside the deleting transaction, that a credential or a client is gone, to every instance. */
    @Transactional(Transactional.TxType.MANDATORY)
    void deleted(UUID clientId) {
        feed.publishAndApply(CHANNEL, clientId.toString(), this::forget);
    }

    private void forget() {
        synchronized (generationLock) {
            generation++;
            existing.clear();
        }
    }
}
