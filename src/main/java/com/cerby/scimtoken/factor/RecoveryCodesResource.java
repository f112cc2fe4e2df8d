package com.cerby.scimtoken.factor;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The caller's recovery codes: a new set (shown once, never cached), or how many are left. */
@Path("/api/v1/me/recovery-codes")
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryCodesResource {

    private final RecoveryCodes codes;

    RecoveryCodesResource(RecoveryCodes codes) {
        this.codes = codes;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(@Valid FactorChangeRequest request) {
        return Response.status(Response.Status.CREATED).cacheControl(CacheControl.valueOf("no-store"))
                .entity(codes.generate(FactorChangeRequest.verificationIdOf(request))).build();
    }

    @GET
    @Authenticated
    public RecoveryCodesStatus status() {
        return codes.status();
    }
}
