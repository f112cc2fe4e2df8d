package com.cerby.scimtoken.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import com.cerby.scimtoken.support.JwksIssuer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens shaped like each identity provider's, signed with RS256 or ES256 keys that a real HTTP server publishes as
 * a JWKS, read through SmallRye JWT's own parser (with the groups path the README recipe sets) and this service's
 * claim mapping (with the recipe's settings).
 */
class IssuerClaimsTest {

    private static final String ISSUER = "https://idp.example.test";
    private static final JwksIssuer JWKS = new JwksIssuer();
    private static PublicJsonWebKey rsa;
    private static PublicJsonWebKey ec;

    @BeforeAll
    static void publishTheIssuersKeys() {
        JWKS.start();
        rsa = JWKS.key(0);
        ec = JWKS.key(1);
    }

    @AfterAll
    static void stopTheIssuer() {
        JWKS.stop();
    }

    private record Reading(Optional<String> userId, Optional<String> workspaceId, Optional<String> email,
            Set<String> roles) {
    }

    private static Reading read(String token, String groupsPath, Map<String, String> settings,
            Map<String, List<String>> roleMap) throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo(JWKS.url(), ISSUER);
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        if (groupsPath != null) {
            context.setGroupsPath(groupsPath);
        }
        JsonWebToken jwt = new DefaultJWTParser(context).parse(token);
        Claims claims = new Claims(config(settings, roleMap));
        Set<String> roles = claims.mapsRoles() ? claims.roles(jwt.getGroups()) : jwt.getGroups();
        return new Reading(claims.userId(jwt), claims.workspaceId(jwt), claims.email(jwt), roles);
    }

    @Test
    void keycloakRealmRolesAndANestedWorkspace() throws Exception {
        String token = JwksIssuer.sign(Jwt.issuer(ISSUER).subject("f3c9a1e2-5b7d-4c1a-9e8f-2d6b4a7c9e10")
                .claim("realm_access", Map.of("roles", List.of("SCIM-Owners", "offline_access")))
                .claim("org", Map.of("workspace", "acme")).claim("email", "alice@acme.test"), rsa);

        Reading reading = read(token, "realm_access/roles", Map.of("workspace-claim", "/org/workspace"),
                Map.of("owner", List.of("SCIM-Owners")));

        assertEquals(new Reading(Optional.of("f3c9a1e2-5b7d-4c1a-9e8f-2d6b4a7c9e10"), Optional.of("acme"),
                Optional.of("alice@acme.test"), Set.of("owner")), reading);
    }

    @Test
    void entraAppRolesWithTheTenantAsWorkspace() throws Exception {
        String token = JwksIssuer.sign(Jwt.issuer(ISSUER).subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                .claim("oid", "00000000-0000-0000-66f3-3332eca7ea81")
                .claim("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47")
                .claim("roles", List.of("Workspace.Admin", "Reader"))
                .claim("preferred_username", "bob@contoso.test"), rsa);

        Reading reading = read(token, "roles", Map.of("workspace-claim", "tid", "user-id-claim", "oid",
                "email-claim", "preferred_username"),
                Map.of("owner", List.of("Workspace.Owner"), "admin", List.of("Workspace.Admin")));

        assertEquals(new Reading(Optional.of("00000000-0000-0000-66f3-3332eca7ea81"),
                Optional.of("72f988bf-86f1-41af-91ab-2d7cd011db47"), Optional.of("bob@contoso.test"), Set.of("admin")),
                reading);
    }

    @Test
    void oktaCustomClaimsSignedWithEs256() throws Exception {
        String token = JwksIssuer.sign(Jwt.issuer(ISSUER).subject("00u1abcd2EFGH3ijk4l5")
                .claim("groups", List.of("Everyone", "SCIM-Super-Admins")).claim("workspace", "globex")
                .claim("email", "carol@globex.test"), ec);

        Reading reading = read(token, null, Map.of("workspace-claim", "workspace"),
                Map.of("super_admin", List.of("SCIM-Super-Admins")));

        assertEquals(new Reading(Optional.of("00u1abcd2EFGH3ijk4l5"), Optional.of("globex"),
                Optional.of("carol@globex.test"), Set.of("super_admin")), reading);
    }

    @Test
    void auth0NamespacedClaimsSignedWithEs256() throws Exception {
        String token = JwksIssuer.sign(Jwt.issuer(ISSUER).subject("auth0|65f0c3e2a1b2c3d4e5f60718")
                .claim("https://cerby.example/user_id", "auth0.65f0c3e2a1b2c3d4e5f60718")
                .claim("https://cerby.example/workspace", "initech")
                .claim("https://cerby.example/roles", List.of("owner"))
                .claim("https://cerby.example/email", "dave@initech.test"), ec);

        Reading reading = read(token, "\"https://cerby.example/roles\"",
                Map.of("workspace-claim", "https://cerby.example/workspace",
                        "user-id-claim", "https://cerby.example/user_id",
                        "email-claim", "https://cerby.example/email"), Map.of());

        assertEquals(new Reading(Optional.of("auth0.65f0c3e2a1b2c3d4e5f60718"), Optional.of("initech"),
                Optional.of("dave@initech.test"), Set.of("owner")), reading);
    }

    @Test
    void aWorkspaceClaimThatIsNotAStringOrIsMissingIsAbsent() throws Exception {
        String token = JwksIssuer.sign(Jwt.issuer(ISSUER).subject("erin").claim("org", Map.of("workspace", 42)), rsa);

        assertEquals(Optional.empty(), read(token, null, Map.of("workspace-claim", "/org/workspace"), Map.of())
                .workspaceId());
        assertEquals(Optional.empty(), read(token, null, Map.of("workspace-claim", "/org/tenant/id"), Map.of())
                .workspaceId());
        assertEquals(Optional.empty(), read(token, null, Map.of("workspace-claim", "tid"), Map.of()).workspaceId());
    }

    @Test
    void anOperatorsServiceJwtGetsTheFactorAdminRoleThroughTheRoleMap() throws Exception {
        String token = JwksIssuer.sign(Jwt.issuer(ISSUER).subject("helpdesk-7")
                .claim("roles", List.of("Helpdesk.FactorReset", "Reader")), rsa);

        Reading reading = read(token, "roles", Map.of(), Map.of("factor_admin", List.of("Helpdesk.FactorReset"),
                "owner", List.of("Workspace.Owner")));

        assertEquals(Set.of("factor_admin"), reading.roles());
    }

    @Test
    void aRoleMapNamingNoRoleOfTheServiceStopsTheStart() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new Claims(config(Map.of(), Map.of("owners", List.of("SCIM-Owners")))));
    }

    private static ClaimsConfig config(Map<String, String> settings, Map<String, List<String>> roleMap) {
        return new ClaimsConfig() {
            @Override
            public String workspaceClaim() {
                return settings.getOrDefault("workspace-claim", "workspace_id");
            }

            @Override
            public String userIdClaim() {
                return settings.getOrDefault("user-id-claim", "sub");
            }

            @Override
            public String emailClaim() {
                return settings.getOrDefault("email-claim", "email");
            }

            @Override
            public Map<String, List<String>> roleMap() {
                return roleMap;
            }
        };
    }
}
