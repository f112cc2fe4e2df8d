package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.audit.AuditEvent;
import com.cerby.scimtoken.audit.AuditLog;
import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.verification.Grants;
import com.cerby.scimtoken.verification.VerificationAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The federated credentials of a workspace's OAuth clients (workload identity federation). Like the secrets, every
 * change spends an approved {@code manage_clients} verification of an owner and is audited; a federated credential
 * holds nothing secret, so its whole content is audited.
 */
@ApplicationScoped
public class FederatedCredentialService {

    /** Enough for every workload (and tenant) that provisions through one client, and a bound on the list. */
    static final int MAX_PER_CLIENT = 20;

    private final ClientService clientService;
    private final OAuthClientRepository clients;
    private final FederatedCredentialRepository credentials;
    private final LiveCredentials live;
    private final Grants grants;
    private final AuditLog audit;
    private final Caller caller;
    private final Clock clock;

    FederatedCredentialService(ClientService clientService, OAuthClientRepository clients,
            FederatedCredentialRepository credentials, LiveCredentials live, Grants grants, AuditLog audit, Caller caller,
            Clock clock) {
        this.clientService = clientService;
        this.clients = clients;
        this.credentials = credentials;
        this.live = live;
        this.grants = grants;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Trusts the issuer's JWTs about the subject as this client's authentication. Checks, in order: the URLs (400),
     * the client (404, another workspace's too), the proof, then the duplicate and the limit (409; the verification
     * is then not spent, as the transaction rolls back).
     */
    @Transactional
    public ClientView.FederatedCredentialView add(String workspaceId, UUID clientId, AddFederatedCredentialRequest
            request, UUID verificationId) {
        FederatedUrls.refusal(request.issuer()).ifPresent(rule -> {
            throw ProblemException.invalidField("issuer", rule);
        });
        if (URI.create(request.issuer()).getRawQuery() != null) {
            throw ProblemException.invalidField("issuer", "must not have a query (OpenID Connect Discovery §3)");
        }
        if (request.jwksUri() != null) {
            FederatedUrls.refusal(request.jwksUri()).ifPresent(rule -> {
                throw ProblemException.invalidField("jwksUri", rule);
            });
        }
        clientService.lockClientsOf(workspaceId);
        clients.findIn(workspaceId, clientId).orElseThrow(ClientService::clientNotFound);
        grants.spend(workspaceId, verificationId, VerificationAction.MANAGE_CLIENTS);
        if (credentials.exists(clientId, request.issuer(), request.subject())) {
            throw new ProblemException(ProblemType.FEDERATED_CREDENTIAL_EXISTS, "This client already has a federated"
                    + " credential for this issuer and subject; remove it first to change its audience or keys.");
        }
        if (credentials.countOf(clientId) >= MAX_PER_CLIENT) {
            throw new ProblemException(ProblemType.TOO_MANY_FEDERATED_CREDENTIALS, "A client has at most "
                    + MAX_PER_CLIENT + " federated credentials; remove one first.");
        }
        FederatedCredential credential = FederatedCredential.create(clientId, request.issuer(), request.subject(),
                request.audience(), request.jwksUri(), caller.userId(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        credentials.persist(credential);
        audit.record(AuditEvent.of("oauth_client.federated_credential_added", workspaceId, caller.userId())
                .verification(verificationId).detail("clientId", clientId.toString())
                .detail("credentialId", credential.id().toString()).detail("issuer", credential.issuer())
                .detail("subject", credential.subject()).detail("audience", credential.audience())
                .detail("jwksUri", credential.jwksUri()));
        return ClientView.FederatedCredentialView.of(credential);
    }

    /** Removes the credential: its assertions no longer authenticate, and the access tokens it got are inactive. */
    @Transactional
    public void remove(String workspaceId, UUID clientId, UUID credentialId, UUID verificationId) {
        clientService.lockClientsOf(workspaceId);
        clients.findIn(workspaceId, clientId).orElseThrow(ClientService::clientNotFound);
        FederatedCredential credential = credentials.findOf(clientId, credentialId).orElseThrow(
                () -> new ProblemException(ProblemType.FEDERATED_CREDENTIAL_NOT_FOUND,
                        "This client has no federated credential with this id."));
        grants.spend(workspaceId, verificationId, VerificationAction.MANAGE_CLIENTS);
        credentials.delete(credential);
        live.deleted(clientId);
        audit.record(AuditEvent.of("oauth_client.federated_credential_removed", workspaceId, caller.userId())
                .verification(verificationId).detail("clientId", clientId.toString())
                .detail("credentialId", credentialId.toString()).detail("issuer", credential.issuer())
                .detail("subject", credential.subject()));
    }
}
