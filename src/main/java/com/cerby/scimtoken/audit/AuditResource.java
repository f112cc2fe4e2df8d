package com.cerby.scimtoken.audit;

import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.security.Roles;
import com.cerby.scimtoken.common.web.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/workspaces/{workspaceId}/audit-events")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditService service;
    private final Caller caller;

    AuditResource(AuditService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    public AuditPage list(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @QueryParam("limit") @DefaultValue(AuditPage.DEFAULT_LIMIT)
            @Pattern(regexp = AuditPage.LIMIT_PATTERN, message = AuditPage.LIMIT_MESSAGE) String limit,
            @QueryParam("cursor") @Size(max = AuditPage.MAX_CURSOR_LENGTH) String cursor,
            @QueryParam("type") @Pattern(regexp = "^[a-z_.]{1,64}$", message = "must be an event type such as verification.started") String type) {
        caller.requireWorkspace(workspaceId);
        return service.page(workspaceId, Integer.parseInt(limit), cursor, type);
    }
}
