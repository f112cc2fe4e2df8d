package com.cerby.scimtoken.oauth;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Client secrets found in public (secret scanning, api-v1 §12): found by value and revoked the way an owner revokes
 * one, by deleting it, so that the token endpoint refuses it and the access tokens it got are inactive at once.
 */
@ApplicationScoped
public class LeakedSecrets {

    private final ClientSecretRepository secrets;
    private final OAuthClientRepository clients;
    private final ClientService service;
    private final LiveCredentials live;
    private final MeterRegistry metrics;
    private final Clock clock;

    LeakedSecrets(ClientSecretRepository secrets, OAuthClientRepository clients, ClientService service,
            LiveCredentials live, MeterRegistry metrics, Clock clock) {
        this.secrets = secrets;
        this.clients = clients;
        this.service = service;
        this.live = live;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What the report handling and the owners' mail may know of a secret: never its value. */
    public record LeakedSecret(String workspaceId, UUID clientId, String clientName, UUID secretId, String hint) {
    }

    /**
     * The active secret with this value, its client's changes locked until the transaction ends (so that an owner's
     * revocation or a second report of it cannot interleave); empty for a malformed, unknown, expired or already
     * revoked secret.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LeakedSecret> lockedActive(String secret) {
        if (!SecretFormat.isWellFormed(secret)) {
            return Optional.empty();
        }
        byte[] lookupHash = SecretFormat.lookupHash(secret);
        Optional<OAuthClient> client = secrets.findByLookupHash(lookupHash)
                .flatMap(found -> clients.findByIdOptional(found.clientId()));
        if (client.isEmpty()) {
            return Optional.empty();
        }
        service.lockClientsOf(client.get().workspaceId());
        // Read again under the lock: it may have been revoked while this report waited (a secret never changes
        // otherwise, so the query's answer of whether it still exists is all that matters).
        return secrets.findByLookupHash(lookupHash).filter(found -> found.isActiveAt(clock.instant()))
                .filter(found -> found.clientId().equals(client.get().id()))
                .map(found -> new LeakedSecret(client.get().workspaceId(), client.get().id(), client.get().name(),
                        found.id(), found.hint()));
    }

    /** Revokes the secret at once: it is deleted, as by an owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(LeakedSecret leaked) {
        secrets.delete("id = ?1 and clientId = ?2", leaked.secretId(), leaked.clientId());
        live.deleted(leaked.clientId());
        metrics.counter("oauth_client_secret_revocations", "reason", "leaked").increment();
    }
}
