package com.cerby.scimtoken.common.security;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.JwksIssuer;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/**
 * The service behind a Keycloak-like issuer: keys from its JWKS URL (RS256 and ES256), roles from
 * {@code realm_access.roles} through the role map, the workspace from a nested claim; keys rotated while it runs.
 */
@QuarkusTest
@TestProfile(JwksTest.KeycloakLikeIssuer.class)
class JwksTest extends DatabaseTest {

    public static class KeycloakLikeIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.algorithm", "RS256,ES256",
                    "smallrye.jwt.path.groups", "realm_access/roles",
                    "scim-token.jwt.workspace-claim", "/org/workspace",
                    "scim-token.jwt.role-map.owner", "SCIM-Owners",
                    "scim-token.jwt.role-map.admin", "SCIM-Admins");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(JwksIssuer.class));
        }
    }

    private static final String METADATA = "/api/v1/workspaces/acme/scim-token";

    JwksIssuer issuer;

    private static JwtClaimsBuilder keycloakToken(String user, String workspace, String... roles) {
        return Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject(user)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .claim("org", Map.of("workspace", workspace))
                .claim("email", user + "@acme.test")
                .claim("auth_time", Instant.now().getEpochSecond())
                .expiresIn(Duration.ofMinutes(10));
    }

    private static ValidatableResponse metadata(String jwt) {
        return given().auth().oauth2(jwt).when().get(METADATA).then();
    }

    @Test
    void tokensSignedWithEitherKeyOfTheJwksWorkWithTheIssuersRoleNames() {
        metadata(JwksIssuer.sign(keycloakToken("alice", "acme", "SCIM-Owners", "offline_access"), issuer.key(0)))
                .statusCode(200);
        metadata(JwksIssuer.sign(keycloakToken("adam", "acme", "SCIM-Admins"), issuer.key(1))).statusCode(200);

        assertProblem(metadata(JwksIssuer.sign(keycloakToken("oscar", "acme", "owner", "offline_access"),
                issuer.key(0))), 403, "role_not_allowed", METADATA);
        assertProblem(metadata(JwksIssuer.sign(keycloakToken("alice", "globex", "SCIM-Owners"), issuer.key(1))),
                403, "workspace_mismatch", METADATA);
    }

    @Test
    void aMappedOwnerStepsUpAndRevealsAndAnAdminCannotRotate() {
        String owner = JwksIssuer.sign(keycloakToken("olivia", "acme", "SCIM-Owners"), issuer.key(1));
        Flows.approvedReveal(owner, "acme", TestPhone.enrolledFor(owner)).statusCode(200);

        String admin = JwksIssuer.sign(keycloakToken("adam", "acme", "SCIM-Admins"), issuer.key(0));
        assertProblem(Flows.start(admin, "acme", Map.of("action", "rotate")), 403, "role_not_allowed",
                Flows.verificationsPath("acme"));
    }

    @Test
    void aKeyPublishedWhileTheServiceRunsWorksAtOnceAndAFloodOfForgedKidsFetchesNothingMore() {
        metadata(JwksIssuer.sign(keycloakToken("alice", "acme", "SCIM-Owners"), issuer.key(0))).statusCode(200);
        int before = issuer.fetches();
        PublicJsonWebKey rotatedIn = JwksIssuer.newKey(SignatureAlgorithm.ES256);
        issuer.publish(issuer.key(0), issuer.key(1), rotatedIn);

        metadata(JwksIssuer.sign(keycloakToken("alice", "acme", "SCIM-Owners"), rotatedIn)).statusCode(200);
        assertEquals(before + 1, issuer.fetches(), "the unknown kid fetched the JWKS once");

        for (int i = 0; i < 30; i++) {
            String forged = JwksIssuer.sign(keycloakToken("mallory" + i, "acme", "SCIM-Owners"),
                    JwksIssuer.newKey(i % 2 == 0 ? SignatureAlgorithm.RS256 : SignatureAlgorithm.ES256));
            assertProblem(metadata(forged), 401, "unauthorized", METADATA);
        }
        assertEquals(before + 1, issuer.fetches(), "forged kids fetch the JWKS at most once a minute");
    }
}
