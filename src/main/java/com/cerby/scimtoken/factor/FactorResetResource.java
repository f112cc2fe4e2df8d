package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.common.security.Roles;
import com.cerby.scimtoken.common.web.Ids;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The operators' way to give a locked-out user a fresh start (service role {@code factor_admin}). */
@Path("/api/v1/users/{userId}/factors")
@Produces(MediaType.APPLICATION_JSON)
public class FactorResetResource {

    private final FactorReset reset;

    FactorResetResource(FactorReset reset) {
        this.reset = reset;
    }

    @DELETE
    @RolesAllowed(Roles.FACTOR_ADMIN)
    public void reset(@PathParam("userId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId) {
        reset.reset(userId);
    }
}
