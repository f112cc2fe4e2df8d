package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.security.Roles;
import com.cerby.scimtoken.common.web.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/workspaces/{workspaceId}/scim-token")
@Produces(MediaType.APPLICATION_JSON)
public class ScimTokenResource {

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
}
