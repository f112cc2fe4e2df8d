package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.security.Roles;
import com.cerby.scimtoken.common.web.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The requester's side of a verification: the web app starts, polls and cancels it. */
@Path("/api/v1/workspaces/{workspaceId}/scim-token/verifications")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private final VerificationService service;
    private final Caller caller;

    VerificationResource(VerificationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            StartVerificationRequest request, UriInfo uri) {
        caller.requireWorkspace(workspaceId);
        VerificationView verification = service.start(workspaceId, request);
        return Response.created(uri.getAbsolutePathBuilder().path(verification.id().toString()).build())
                .entity(verification).build();
    }

    @GET
    @Path("{verificationId}")
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    public VerificationView get(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        caller.requireWorkspace(workspaceId);
        return service.get(workspaceId, UUID.fromString(verificationId));
    }

    @DELETE
    @Path("{verificationId}")
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    public void cancel(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        caller.requireWorkspace(workspaceId);
        service.cancel(workspaceId, UUID.fromString(verificationId));
    }
}
