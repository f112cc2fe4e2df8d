package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.security.Roles;
import com.cerby.scimtoken.common.web.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;

/** A workspace's OAuth clients for SCIM provisioning: listed by its admins, changed by its owners. */
@Path("/api/v1/workspaces/{workspaceId}/scim-clients")
@Produces(MediaType.APPLICATION_JSON)
public class ScimClientResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final ClientService service;
    private final FederatedCredentialService federatedCredentials;
    private final Caller caller;
    private final Issuer issuer;
    private final Optional<String> scimUrl;

    ScimClientResource(ClientService service, FederatedCredentialService federatedCredentials, Caller caller,
            Issuer issuer, OAuthConfig config) {
        this.service = service;
        this.federatedCredentials = federatedCredentials;
        this.caller = caller;
        this.issuer = issuer;
        this.scimUrl = config.scimUrl().map(String::strip).filter(url -> !url.isEmpty());
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    public ClientView.Page list(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId) {
        caller.requireWorkspace(workspaceId);
        return new ClientView.Page(service.list(workspaceId), issuer.tokenEndpoint().orElse(null),
                scimUrl.orElse(null));
    }

    @POST
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @Valid @NotNull CreateClientRequest request, @Context UriInfo uri) {
        caller.requireWorkspace(workspaceId);
        ClientView client = service.create(workspaceId, request.name(), UUID.fromString(request.verificationId()));
        return Response.created(uri.getAbsolutePathBuilder().path(client.clientId().toString()).build())
                .entity(client).build();
    }

    @DELETE
    @Path("{clientId}")
    @RolesAllowed(Roles.OWNER)
    public void delete(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("clientId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String clientId,
            @QueryParam("verificationId") @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        caller.requireWorkspace(workspaceId);
        service.delete(workspaceId, UUID.fromString(clientId), UUID.fromString(verificationId));
    }

    @POST
    @Path("{clientId}/secrets")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addSecret(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("clientId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String clientId,
            @Valid @NotNull AddSecretRequest request, @Context UriInfo uri) {
        caller.requireWorkspace(workspaceId);
        CreatedSecret secret = service.addSecret(workspaceId, UUID.fromString(clientId),
                UUID.fromString(request.verificationId()), request.expiresInDays());
        // The secret is shown once: no cache, browser or proxy may keep it.
        return Response.created(uri.getAbsolutePathBuilder().path(secret.secretId().toString()).build())
                .entity(secret).cacheControl(NO_STORE).header("Pragma", "no-cache").build();
    }

    /** The secret's id is {@code {id}} in the path: a parameter named like a secret reads as a credential in a URL. */
    @DELETE
    @Path("{clientId}/secrets/{id}")
    @RolesAllowed(Roles.OWNER)
    public void revokeSecret(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("clientId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String clientId,
            @PathParam("id") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String id,
            @QueryParam("verificationId") @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        caller.requireWorkspace(workspaceId);
        service.revokeSecret(workspaceId, UUID.fromString(clientId), UUID.fromString(id),
                UUID.fromString(verificationId));
    }

    @POST
    @Path("{clientId}/federated-credentials")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addFederatedCredential(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("clientId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String clientId,
            @Valid @NotNull AddFederatedCredentialRequest request, @Context UriInfo uri) {
        caller.requireWorkspace(workspaceId);
        ClientView.FederatedCredentialView credential = federatedCredentials.add(workspaceId,
                UUID.fromString(clientId), request, UUID.fromString(request.verificationId()));
        return Response.created(uri.getAbsolutePathBuilder().path(credential.credentialId().toString()).build())
                .entity(credential).build();
    }

    @DELETE
    @Path("{clientId}/federated-credentials/{id}")
    @RolesAllowed(Roles.OWNER)
    public void removeFederatedCredential(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("clientId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String clientId,
            @PathParam("id") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String id,
            @QueryParam("verificationId") @NotNull @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        caller.requireWorkspace(workspaceId);
        federatedCredentials.remove(workspaceId, UUID.fromString(clientId), UUID.fromString(id),
                UUID.fromString(verificationId));
    }
}
