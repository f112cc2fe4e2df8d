package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.security.Roles;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 7662 token introspection for the SCIM server (service role {@code token_introspector}). */
@Path("/api/v1/scim-tokens/introspect")
@Produces(MediaType.APPLICATION_JSON)
public class IntrospectionResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    /** Far above any token's length (54 characters); a longer one is refused as invalid, not looked up. */
    static final int MAX_TOKEN_LENGTH = 2048;

    /** The JSON form of the request. */
    public record IntrospectionRequest(@Size(max = MAX_TOKEN_LENGTH) String token) {
    }

    private final IntrospectionService service;

    IntrospectionResource(IntrospectionService service) {
        this.service = service;
    }

    @POST
    @NonBlocking
    @RolesAllowed(Roles.TOKEN_INTROSPECTOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> introspectForm(@FormParam("token") @Size(max = MAX_TOKEN_LENGTH) String token) {
        return answer(token);
    }

    @POST
    @NonBlocking
    @RolesAllowed(Roles.TOKEN_INTROSPECTOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> introspectJson(@Valid IntrospectionRequest request) {
        return answer(request == null ? null : request.token());
    }

    private Uni<Response> answer(String token) {
        if (token == null || token.isEmpty()) {
            throw ProblemException.invalidField("token", "is required");
        }
        return service.introspect(token)
                .map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).build());
    }
}
