package com.cerby.scimtoken.totp;

import com.cerby.scimtoken.common.web.Ids;
import com.cerby.scimtoken.common.web.JsonBodies;
import com.cerby.scimtoken.factor.FactorChangeRequest;
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

/** The caller's TOTP authenticator; any authenticated user. Enrolling and removing it are factor changes. */
@Path("/api/v1/me/totp")
@Produces(MediaType.APPLICATION_JSON)
public class TotpResource {

    private final TotpService service;
    private final JsonBodies bodies;

    TotpResource(TotpService service, JsonBodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    /**
     * The body is optional, and so is its Content-Type: a first factor needs none; a further one names its
     * verification in a JSON body.
     */
    @POST
    @Authenticated
    public Response enroll(byte[] body) {
        FactorChangeRequest request = bodies.read(body, FactorChangeRequest.class);
        return Response.status(Response.Status.CREATED)
                .entity(service.enroll(FactorChangeRequest.verificationIdOf(request)))
                .cacheControl(CacheControl.valueOf("no-store")).build();
    }

    @POST
    @Path("confirm")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public TotpConfirmation confirm(@Valid @NotNull ConfirmTotpRequest request) {
        return service.confirm(request.code(), Ids.optionalUuid(request.verificationId()));
    }

    @POST
    @Path("remove")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public void remove(@Valid FactorChangeRequest request) {
        service.remove(FactorChangeRequest.verificationIdOf(request));
    }
}
