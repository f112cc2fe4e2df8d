package com.cerby.scimtoken.oauth;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth 2.0 authorization server's public face (api-v1 §14): the token endpoint (client credentials) and its
 * signing keys. The token endpoint answers RFC 6749 §5.2 errors, never problem+json.
 */
@Path("/oauth2")
@Produces(MediaType.APPLICATION_JSON)
public class TokenEndpoint {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    private static final String BASIC = "Basic ";
    static final String REALM = "Basic realm=\"scim-token-service\"";

    /** The longest value of each parameter (as openapi.yaml says): anything longer is an invalid request. */
    static final Map<String, Integer> MAX_LENGTHS = Map.of("grant_type", 64, "client_id", 64, "client_secret", 128,
            "scope", 256, "client_assertion_type", 128, "client_assertion", 8192);

    private final TokenService tokens;
    private final ClientAssertions assertions;
    private final SigningKeys keys;
    private final Issuer issuer;
    private final ClientRateLimit clientLimit;

    TokenEndpoint(TokenService tokens, ClientAssertions assertions, SigningKeys keys, Issuer issuer,
            ClientRateLimit clientLimit) {
        this.tokens = tokens;
        this.assertions = assertions;
        this.keys = keys;
        this.issuer = issuer;
        this.clientLimit = clientLimit;
    }

    @POST
    @Path("token")
    @PermitAll
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        issuer.requireUrl();
        try {
            for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
                if (parameter.getValue().size() > 1) {
                    throw TokenError.invalidRequest("The parameter " + safe(parameter.getKey())
                            + " is sent more than once.");
                }
                Integer maxLength = MAX_LENGTHS.get(parameter.getKey());
                if (maxLength != null && parameter.getValue().get(0).length() > maxLength) {
                    throw TokenError.invalidRequest("The parameter " + parameter.getKey() + " is longer than "
                            + maxLength + " characters.");
                }
            }
            String grantType = form.getFirst("grant_type");
            if (grantType == null || grantType.isEmpty()) {
                throw TokenError.invalidRequest("grant_type is required.");
            }
            TokenService.AuthenticatedClient client = authenticate(authorization, form);
            clientLimit.charge(client.client().id());
            if (!grantType.equals("client_credentials")) {
                throw new TokenError(400, "unsupported_grant_type", "The only grant type is client_credentials.",
                        false);
            }
            TokenService.Issued issued = tokens.issue(client, form.getFirst("scope"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.accessToken());
            body.put("token_type", "Bearer");
            body.put("expires_in", issued.expiresIn());
            body.put("scope", issued.scope());
            return Response.ok(body).cacheControl(NO_STORE).header("Pragma", "no-cache").build();
        } catch (TokenError refused) {
            Response.ResponseBuilder answer = Response.status(refused.status())
                    .entity(Map.of("error", refused.error(), "error_description", refused.getMessage()))
                    .type(MediaType.APPLICATION_JSON_TYPE).cacheControl(NO_STORE).header("Pragma", "no-cache");
            if (refused.basic()) {
                answer.header("WWW-Authenticate", REALM);
            }
            return answer.build();
        }
    }

    /**
     * client_secret_basic (RFC 6749 §2.3.1: the id and secret form-encoded, then Basic) or client_secret_post;
     * exactly one of them.
     */
    private TokenService.AuthenticatedClient authenticate(String authorization, MultivaluedMap<String, String> form) {
        if (form.containsKey("client_assertion") || form.containsKey("client_assertion_type")) {
            return authenticateByAssertion(authorization, form);
        }
        String postedSecret = form.getFirst("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            if (postedSecret != null) {
                throw TokenError.invalidRequest("Use one client authentication method, not two.");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw TokenError.invalidClient(true);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw TokenError.invalidClient(true);
            }
            String clientId = formDecoded(decoded.substring(0, colon));
            String formClientId = form.getFirst("client_id");
            if (formClientId != null && !formClientId.equals(clientId)) {
                throw TokenError.invalidRequest("client_id differs from the client authenticated.");
            }
            return tokens.authenticate(clientId, formDecoded(decoded.substring(colon + 1)), true);
        }
        if (postedSecret == null) {
            throw TokenError.invalidClient(false);
        }
        String clientId = form.getFirst("client_id");
        if (clientId == null) {
            throw TokenError.invalidRequest("client_id is required with client_secret.");
        }
        return tokens.authenticate(clientId, postedSecret, false);
    }

    /**
     * An RFC 7523 §2.2 client assertion (workload identity federation): the only authentication of the request;
     * {@code client_id} is optional and, when sent, must name the client the assertion authenticates.
     */
    private TokenService.AuthenticatedClient authenticateByAssertion(String authorization,
            MultivaluedMap<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())
                || form.containsKey("client_secret")) {
            throw TokenError.invalidRequest("Use one client authentication method, not two.");
        }
        if (!ClientAssertions.TYPE.equals(form.getFirst("client_assertion_type"))) {
            throw TokenError.invalidRequest("client_assertion_type must be " + ClientAssertions.TYPE + ".");
        }
        String assertion = form.getFirst("client_assertion");
        if (assertion == null || assertion.isEmpty()) {
            throw TokenError.invalidRequest("client_assertion is required with client_assertion_type.");
        }
        return assertions.authenticate(assertion, form.getFirst("client_id"));
    }

    private static String formDecoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TokenError.invalidClient(true);
        }
    }

    /** A parameter name echoed in a description: only its safe characters, and not too many. */
    private static String safe(String name) {
        String kept = name.replaceAll("[^A-Za-z0-9_]", "");
        return kept.length() > 40 ? kept.substring(0, 40) : kept;
    }

    @GET
    @Path("jwks")
    @PermitAll
    @Blocking
    public Response jwks() {
        return Response.ok(keys.jwks()).cacheControl(CacheControl.valueOf("max-age=300")).build();
    }
}
