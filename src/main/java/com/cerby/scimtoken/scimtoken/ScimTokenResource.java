package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.security.Roles;
import com.cerby.scimtoken.common.web.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;

@Path("/api/v1/workspaces/{workspaceId}/scim-token")
@Produces(MediaType.APPLICATION_JSON)
public class ScimTokenResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final ScimTokenService service;
    private final Caller caller;

    ScimTokenResource(ScimTokenService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    public ScimTokenMetadata metadata(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId) {
        caller.requireWorkspace(workspaceId);
        return service.metadata(workspaceId);
    }

    @POST
    @Path("reveal")
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reveal(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @Valid @NotNull VerificationIdRequest request) {
        caller.requireWorkspace(workspaceId);
        RevealedToken token = service.reveal(workspaceId, UUID.fromString(request.verificationId()));
        return unstored(token);
    }

    @POST
    @Path("rotate")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rotate(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @Valid @NotNull RotateRequest request) {
        caller.requireWorkspace(workspaceId);
        RotatedToken token = service.rotate(workspaceId, UUID.fromString(request.verificationId()),
                Duration.ofSeconds(request.gracePeriodSeconds() == null ? 0 : request.gracePeriodSeconds()));
        return unstored(token);
    }

    @POST
    @Path("revoke")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    public void revoke(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @Valid @NotNull VerificationIdRequest request) {
        caller.requireWorkspace(workspaceId);
        service.revoke(workspaceId, UUID.fromString(request.verificationId()));
    }

    /** An answer that carries a token: no cache, browser or proxy, may keep it. */
    private static Response unstored(Object token) {
        return Response.ok(token).cacheControl(NO_STORE).header("Pragma", "no-cache").build();
    }
}
