package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.web.Ids;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** The phone's side: the caller's pending push verifications, and the signed decision on one of them. */
@Path("/api/v1/me/verifications")
@Produces(MediaType.APPLICATION_JSON)
public class MyVerificationsResource {

    private final PushMethod push;

    MyVerificationsResource(PushMethod push) {
        this.push = push;
    }

    @GET
    @Authenticated
    public DeviceVerificationView.Page pending() {
        return new DeviceVerificationView.Page(push.pendingForDevice());
    }

    @POST
    @Path("{verificationId}/decision")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public DecisionView decide(
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId,
            @Valid @NotNull DecisionRequest request) {
        return push.decide(UUID.fromString(verificationId), request.assertion());
    }
}
