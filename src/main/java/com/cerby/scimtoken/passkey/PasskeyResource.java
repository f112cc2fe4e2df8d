package com.cerby.scimtoken.passkey;

import com.cerby.scimtoken.common.web.Ids;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;

/** The caller's own passkeys; any authenticated user, no workspace role needed. */
@Path("/api/v1/me/passkeys")
@Produces(MediaType.APPLICATION_JSON)
public class PasskeyResource {

    private final PasskeyRegistrations service;
    private final ObjectMapper json;

    PasskeyResource(PasskeyRegistrations service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @POST
    @Path("options")
    @Authenticated
    public PasskeyOptions.Creation options() {
        return service.options();
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Valid @NotNull RegisterPasskeyRequest request, UriInfo uri)
            throws JsonProcessingException {
        PasskeyView passkey = service.register(request.name(), json.writeValueAsString(request.credential()),
                Ids.optionalUuid(request.verificationId()));
        return Response.created(uri.getAbsolutePathBuilder().path(passkey.id().toString()).build())
                .entity(passkey).build();
    }

    @GET
    @Authenticated
    public PasskeyView.Page list() {
        return new PasskeyView.Page(service.list());
    }

    /** Any id but {@code options}, which is the path of the creation options (a DELETE there is a 405). */
    @DELETE
    @Path("{passkeyId: (?!options$)[^/]+}")
    @Authenticated
    public void remove(
            @PathParam("passkeyId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE) String passkeyId,
            @QueryParam("verificationId") @Pattern(regexp = Ids.UUID_PATTERN, message = Ids.UUID_MESSAGE)
            String verificationId) {
        service.remove(UUID.fromString(passkeyId), Ids.optionalUuid(verificationId));
    }
}
