package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.web.CodeRequest;
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

/**
 * The user's side, from any session of theirs: the phone's pending push verifications and its signed decision on
 * one of them, and the report of an email verification the user did not ask for.
 */
@Path("/api/v1/me/verifications")
@Produces(MediaType.APPLICATION_JSON)
public class MyVerificationsResource {

    private final PushMethod push;
    private final EmailReports reports;

    MyVerificationsResource(PushMethod push, EmailReports reports) {
        this.push = push;
        this.reports = reports;
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

    @POST
    @Path("{verificationId}/report")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public DecisionView report(
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId,
            @Valid @NotNull CodeRequest request) {
        return reports.report(UUID.fromString(verificationId), request.code());
    }
}
