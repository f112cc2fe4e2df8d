package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.verification.Grants;
import com.cerby.scimtoken.verification.VerificationAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A workspace's OAuth clients and their secrets. Every change spends an approved {@code manage_clients}
 * verification of an owner and is audited, never with a secret.
 */
@ApplicationScoped
public class ClientService {

    /** Enough for every identity provider of a workspace, and a bound on what the list answers. */
    static final int MAX_CLIENTS = 20;
    /** Two, so that a secret can be rotated without downtime: add the new one, switch the IdP, revoke the old. */
    static final int MAX_ACTIVE_SECRETS = 2;

    private final OAuthClientRepository clients;
    private final ClientSecretRepository secrets;
    private final FederatedCredentialRepository federatedCredentials;
    private final LiveCredentials live;
    private final Grants grants;
    private final AdvisoryLocks locks;
    private final AuditLog audit;
    private final Caller caller;
    private final SecureRandom random;
    private final Clock clock;

    ClientService(OAuthClientRepository clients, ClientSecretRepository secrets,
            FederatedCredentialRepository federatedCredentials, LiveCredentials live, Grants grants, AdvisoryLocks locks,
            AuditLog audit, Caller caller, SecureRandom random, Clock clock) {
        this.clients = clients;
        this.secrets = secrets;
        this.federatedCredentials = federatedCredentials;
        this.live = live;
        this.grants = grants;
        this.locks = locks;
        this.audit = audit;
        this.caller = caller;
        this.random = random;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ClientView> list(String workspaceId) {
        List<OAuthClient> found = clients.listOf(workspaceId);
        Map<UUID, List<ClientView.SecretView>> active = secrets
                .listActive(found.stream().map(OAuthClient::id).toList(), clock.instant()).stream()
                .collect(Collectors.groupingBy(ClientSecret::clientId,
                        Collectors.mapping(ClientView.SecretView::of, Collectors.toList())));
        Map<UUID, List<ClientView.FederatedCredentialView>> federated = federatedCredentials
                .listOf(found.stream().map(OAuthClient::id).toList()).stream()
                .collect(Collectors.groupingBy(FederatedCredential::clientId,
                        Collectors.mapping(ClientView.FederatedCredentialView::of, Collectors.toList())));
        return found.stream().map(client -> ClientView.of(client, active.getOrDefault(client.id(), List.of()),
                federated.getOrDefault(client.id(), List.of()))).toList();
    }

    @Transactional
    public ClientView create(String workspaceId, String name, UUID verificationId) {
        grants.spend(workspaceId, verificationId, VerificationAction.MANAGE_CLIENTS);
        lockClientsOf(workspaceId);
        if (clients.countOf(workspaceId) >= MAX_CLIENTS) {
            throw new ProblemException(ProblemType.TOO_MANY_CLIENTS, "A workspace has at most " + MAX_CLIENTS
                    + " OAuth clients; delete one first.");
        }
        OAuthClient client = OAuthClient.create(workspaceId, name.strip(), caller.userId(), now());
        clients.persist(client);
        audit.record(AuditEvent.of("oauth_client.created", workspaceId, caller.userId()).verification(verificationId)
                .detail("clientId", client.id().toString()).detail("name", client.name()));
        return ClientView.of(client, List.of(), List.of());
    }

    /**
     * Deletes the client, its secrets and federated credentials: none of them authenticates from now on. An unknown client (or another
     * workspace's) is a 404 before the verification is spent, as it is for a secret.
     */
    @Transactional
    public void delete(String workspaceId, UUID clientId, UUID verificationId) {
        lockClientsOf(workspaceId);
        OAuthClient client = clients.findIn(workspaceId, clientId).orElseThrow(ClientService::clientNotFound);
        grants.spend(workspaceId, verificationId, VerificationAction.MANAGE_CLIENTS);
        secrets.delete("clientId", clientId);
        federatedCredentials.delete("clientId", clientId);
        clients.delete(client);
        live.deleted(clientId);
        audit.record(AuditEvent.of("oauth_client.deleted", workspaceId, caller.userId()).verification(verificationId)
                .detail("clientId", clientId.toString()).detail("name", client.name()));
    }

    /** A new secret, answered once; a client has at most two active secrets. */
    @Transactional
    public CreatedSecret addSecret(String workspaceId, UUID clientId, UUID verificationId, Integer expiresInDays) {
        lockClientsOf(workspaceId);
        clients.findIn(workspaceId, clientId).orElseThrow(ClientService::clientNotFound);
        grants.spend(workspaceId, verificationId, VerificationAction.MANAGE_CLIENTS);
        Instant now = now();
        if (secrets.listActive(List.of(clientId), now).size() >= MAX_ACTIVE_SECRETS) {
            throw new ProblemException(ProblemType.TOO_MANY_SECRETS, "A client has at most " + MAX_ACTIVE_SECRETS
                    + " active secrets; revoke one first.");
        }
        String secret = SecretFormat.generate(random);
        Instant expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        ClientSecret stored = ClientSecret.issue(clientId, secret, caller.userId(), now, expiresAt);
        secrets.persist(stored);
        audit.record(AuditEvent.of("oauth_client.secret_added", workspaceId, caller.userId())
                .verification(verificationId).detail("clientId", clientId.toString())
                .detail("secretId", stored.id().toString()).detail("hint", stored.hint())
                .detail("expiresAt", expiresAt == null ? null : expiresAt.toString()));
        return new CreatedSecret(clientId, stored.id(), secret, stored.hint(), now, expiresAt);
    }

    /** Revokes one secret at once (it is deleted); the client's other secret keeps working. */
    @Transactional
    public void revokeSecret(String workspaceId, UUID clientId, UUID secretId, UUID verificationId) {
        lockClientsOf(workspaceId);
        clients.findIn(workspaceId, clientId).orElseThrow(ClientService::clientNotFound);
        ClientSecret secret = secrets.findOf(clientId, secretId).orElseThrow(() -> new ProblemException(
                ProblemType.SECRET_NOT_FOUND, "This client has no secret with this id."));
        grants.spend(workspaceId, verificationId, VerificationAction.MANAGE_CLIENTS);
        secrets.delete(secret);
        live.deleted(clientId);
        audit.record(AuditEvent.of("oauth_client.secret_revoked", workspaceId, caller.userId())
                .verification(verificationId).detail("clientId", clientId.toString())
                .detail("secretId", secretId.toString()).detail("hint", secret.hint()));
    }

    /** Microseconds, as PostgreSQL keeps them: the answer shows what a later list shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static ProblemException clientNotFound() {
        return new ProblemException(ProblemType.CLIENT_NOT_FOUND, "This workspace has no OAuth client with this id.");
    }

    /** Serialises the changes of a workspace's clients, so two concurrent additions cannot both pass a limit. */
    void lockClientsOf(String workspaceId) {
        locks.lock("oauth-client:" + workspaceId);
    }
}
