package com.cerby.scimtoken.oauth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 8414 authorization server metadata: where an identity provider finds the token endpoint and its keys. */
@Path("/.well-known/oauth-authorization-server")
@Produces(MediaType.APPLICATION_JSON)
public class MetadataResource {

    private final Issuer issuer;

    MetadataResource(Issuer issuer) {
        this.issuer = issuer;
    }

    @GET
    @PermitAll
    public Response metadata() {
        String base = issuer.requireUrl();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", base);
        metadata.put("token_endpoint", base + "/oauth2/token");
        metadata.put("jwks_uri", base + "/oauth2/jwks");
        metadata.put("grant_types_supported", List.of("client_credentials"));
        // private_key_jwt: an RFC 7523 client assertion, here signed by a federated credential's issuer.
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post",
                "private_key_jwt"));
        metadata.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "ES256"));
        metadata.put("scopes_supported", List.of(TokenService.SCOPE));
        metadata.put("response_types_supported", List.of());
        metadata.put("introspection_endpoint", base + "/api/v1/scim-tokens/introspect");
        return Response.ok(metadata).build();
    }
}
