package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.security.Caller;
import com.cerby.scimtoken.common.security.Roles;
import com.cerby.scimtoken.common.web.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The requester's side of a verification: the web app starts, polls (or long-polls), cancels or completes it. The
 * class shares its path with {@code ScimTokenResource}, so that RESTEasy routes both as one resource: a path under
 * another class's path would answer a wrong method with 404 instead of 405.
 */
@Path("/api/v1/workspaces/{workspaceId}/scim-token")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private static final Logger LOG = Logger.getLogger(VerificationResource.class);

    private final VerificationService service;
    private final CodeSubmissions codes;
    private final PasskeyMethod passkeys;
    private final VerificationChanges changes;
    private final Caller caller;
    private final ObjectMapper json;

    VerificationResource(VerificationService service, CodeSubmissions codes, PasskeyMethod passkeys,
            VerificationChanges changes, Caller caller, ObjectMapper json) {
        this.service = service;
        this.codes = codes;
        this.passkeys = passkeys;
        this.json = json;
        this.changes = changes;
        this.caller = caller;
    }

    @POST
    @Path("verifications")
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

    /**
     * The verification now, or with {@code waitSeconds} as soon as it leaves pending (at most that long). The
     * wait holds no thread: the answer comes from a change notification or a timer.
     */
    @GET
    @Path("verifications/{verificationId}")
    @Blocking
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    public Uni<VerificationView> get(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId,
            @QueryParam("waitSeconds") @DefaultValue("0")
            @Pattern(regexp = "^([0-9]|1[0-9]|2[0-5])$", message = "must be a whole number from 0 to 25") String waitSeconds) {
        caller.requireWorkspace(workspaceId);
        UUID id = UUID.fromString(verificationId);
        String userId = caller.userId();
        Duration wait = Duration.ofSeconds(Integer.parseInt(waitSeconds));
        if (wait.isZero()) {
            return Uni.createFrom().item(service.get(workspaceId, id, userId));
        }
        CompletableFuture<Void> change = changes.nextChange(id);
        try {
            VerificationView current = service.get(workspaceId, id, userId);
            if (current.status() != VerificationStatus.PENDING) {
                changes.forget(id, change);
                return Uni.createFrom().item(current);
            }
            Duration timeLeft = service.timeLeft(workspaceId, id, userId);
            Duration waiting = timeLeft.compareTo(wait) < 0 ? timeLeft : wait;
            LOG.debugf("A long poll waits up to %d ms for verification %s to change", waiting.toMillis(), id);
            return Uni.createFrom().completionStage(change)
                    .ifNoItem().after(waiting).recoverWithItem((Void) null)
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(changedOrTimedOut -> service.reread(workspaceId, id, userId))
                    .onTermination().invoke(() -> changes.forget(id, change));
        } catch (RuntimeException e) {
            changes.forget(id, change);
            throw e;
        }
    }

    @DELETE
    @Path("verifications/{verificationId}")
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    public void cancel(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        caller.requireWorkspace(workspaceId);
        service.cancel(workspaceId, UUID.fromString(verificationId));
    }

    @POST
    @Path("verifications/{verificationId}/code")
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    public VerificationView submitCode(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId,
            @Valid @NotNull CodeSubmission request) {
        caller.requireWorkspace(workspaceId);
        return codes.submit(workspaceId, UUID.fromString(verificationId), request.code(), request.completionSecret());
    }

    @POST
    @Path("verifications/{verificationId}/passkey")
    @RolesAllowed({ Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN })
    @Consumes(MediaType.APPLICATION_JSON)
    public VerificationView submitPasskey(
            @PathParam("workspaceId") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String workspaceId,
            @PathParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId,
            @Valid @NotNull PasskeyRequest request) throws JsonProcessingException {
        caller.requireWorkspace(workspaceId);
        return passkeys.complete(workspaceId, UUID.fromString(verificationId),
                json.writeValueAsString(request.credential()));
    }
}
