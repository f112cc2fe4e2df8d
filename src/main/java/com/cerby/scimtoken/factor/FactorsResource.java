package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.common.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The caller's own factors in one answer, for a client that offers only the methods the user has: phones, the
 * confirmed authenticator, passkeys and how many recovery codes are left.
 */
@Path("/api/v1/me/factors")
@Produces(MediaType.APPLICATION_JSON)
public class FactorsResource {

    private final FactorSummaries summaries;
    private final Caller caller;

    FactorsResource(FactorSummaries summaries, Caller caller) {
        this.summaries = summaries;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public FactorSummary.View list() {
        return summaries.of(caller.userId());
    }
}
