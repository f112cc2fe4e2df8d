package com.cerby.scimtoken.totp;

import com.cerby.scimtoken.common.web.CodeRequest;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's TOTP authenticator; any authenticated user. */
@Path("/api/v1/me/totp")
@Produces(MediaType.APPLICATION_JSON)
public class TotpResource {

    private final TotpService service;

    TotpResource(TotpService service) {
        this.service = service;
    }

    @POST
    @Authenticated
    public Response enroll() {
        return Response.status(Response.Status.CREATED).entity(service.enroll())
                .cacheControl(CacheControl.valueOf("no-store")).build();
    }

    @POST
    @Path("confirm")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public TotpConfirmation confirm(@Valid @NotNull CodeRequest request) {
        return service.confirm(request.code());
    }

    @POST
    @Path("remove")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public void remove(@Valid @NotNull CodeRequest request) {
        service.remove(request.code());
    }
}
