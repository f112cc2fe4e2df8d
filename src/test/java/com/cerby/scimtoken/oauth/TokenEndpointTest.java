package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.introspect;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenEndpointTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";
    private static final String TOKEN = "/oauth2/token";

    private TestPhone phone;
    private String clientId;
    private String secretId;
    private String secret;

    @BeforeEach
    void createAClientWithASecret() {
        phone = TestPhone.enrolledFor(OWNER);
        clientId = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", "Entra ID", "verificationId", approval())).when().post(CLIENTS).then()
                .statusCode(201).extract().path("clientId");
        var added = addSecret(clientId, 30).extract();
        secretId = added.path("secretId");
        secret = added.path("clientSecret");
    }

    private String approval() {
        return approved(OWNER, WORKSPACE, phone, "manage_clients");
    }

    private ValidatableResponse addSecret(String client, Integer days) {
        return given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approval(), "expiresInDays", days)).when()
                .post(CLIENTS + "/" + client + "/secrets").then().statusCode(201);
    }

    private static String basic(String id, String password) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatableResponse tokenWithBasic(String id, String password, Map<String, String> form) {
        return given().header("Authorization", basic(id, password)).contentType(ContentType.URLENC)
                .formParams(form).when().post(TOKEN).then();
    }

    private static ValidatableResponse tokenWithPost(Map<String, String> form) {
        return given().contentType(ContentType.URLENC).formParams(form).when().post(TOKEN).then();
    }

    private static void assertTokenError(ValidatableResponse response, int status, String error) {
        response.statusCode(status).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("error", equalTo(error)).body("error_description", notNullValue())
                .body("code", nullValue()).body("type", nullValue());
    }

    private boolean isActive(String accessToken) {
        return introspect(accessToken).statusCode(200).extract().path("active");
    }

    @Test
    void clientSecretBasicGetsAnRfc9068AccessTokenSignedByAPublishedKey() throws Exception {
        var answer = tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials")).statusCode(200)
                .contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600))
                .body("scope", equalTo("scim")).extract();
        String accessToken = answer.path("access_token");

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(accessToken);
        assertEquals("at+jwt", jws.getHeader("typ"));
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        String jwks = given().when().get("/oauth2/jwks").then().statusCode(200).body("keys", hasSize(1))
                .body("keys[0].kid", equalTo(jws.getKeyIdHeaderValue())).body("keys[0].d", nullValue())
                .extract().asString();
        String issuer = given().when().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("token_endpoint", notNullValue())
                .body("grant_types_supported", equalTo(List.of("client_credentials"))).extract().path("issuer");
        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(issuer).setExpectedAudience("scim").setExpectedType(true, "at+jwt").build()
                .processToClaims(accessToken);
        assertEquals(clientId, claims.getSubject());
        assertEquals(clientId, claims.getStringClaimValue("client_id"));
        assertEquals(WORKSPACE, claims.getStringClaimValue("workspace_id"));
        assertEquals("scim", claims.getStringClaimValue("scope"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertTrue(claims.getJwtId() != null && !claims.getJwtId().isEmpty());
        assertTrue(issuer.startsWith("http://localhost:"), issuer);
        // One key for every instance, in the database: its private part only encrypted.
        assertEquals(1L, database.queryValue("select count(*) from oauth_signing_key"));
        assertEquals(jws.getKeyIdHeaderValue(), database.queryValue("select kid from oauth_signing_key"));
        String published = (String) database.queryValue("select public_jwk from oauth_signing_key");
        assertTrue(published.contains("\"x\"") && !published.contains("\"d\""), published);
        assertEquals(1L, database.queryValue("select count(*) from oauth_signing_key where octet_length(nonce) = 12"
                + " and position('\"d\"'::bytea in ciphertext) = 0"));
    }

    @Test
    void clientSecretPostWorksAndEachTokenHasItsOwnJti() throws Exception {
        String first = tokenWithPost(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret, "scope", "scim")).statusCode(200).extract().path("access_token");
        String second = tokenWithPost(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).statusCode(200).extract().path("access_token");
        assertNotEquals(first, second);
    }

    @Test
    void introspectionAnswersForAnAccessTokenUntilItExpires() {
        String accessToken = tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");

        introspect(accessToken).statusCode(200).body("active", equalTo(true))
                .body("workspace_id", equalTo(WORKSPACE)).body("client_id", equalTo(clientId))
                .body("scope", equalTo("scim")).body("token_type", equalTo("access_token"))
                .body("iat", notNullValue()).body("exp", notNullValue());

        clock.advance(Duration.ofMinutes(61));
        assertEquals(false, isActive(accessToken));
    }

    @Test
    void revokingTheSecretOrDeletingTheClientMakesItsTokensInactiveAtOnce() {
        String second = addSecret(clientId, 1095).extract().path("clientSecret");
        String fromFirst = tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        String fromSecond = tokenWithBasic(clientId, second, Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        // Introspected once, each is remembered as verified with a live credential: the deletion must undo that.
        assertEquals(true, isActive(fromFirst));
        assertEquals(true, isActive(fromSecond));

        given().auth().oauth2(OWNER).queryParam("verificationId", approval()).when()
                .delete(CLIENTS + "/" + clientId + "/secrets/" + secretId).then().statusCode(204);
        assertEquals(false, isActive(fromFirst));
        assertEquals(true, isActive(fromSecond));
        assertTokenError(tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials")), 401,
                "invalid_client");

        given().auth().oauth2(OWNER).queryParam("verificationId", approval()).when()
                .delete(CLIENTS + "/" + clientId).then().statusCode(204);
        assertEquals(false, isActive(fromSecond));
    }

    @Test
    void aTamperedAccessTokenIsInactive() {
        String accessToken = tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials"))
                .statusCode(200).extract().path("access_token");
        String[] parts = accessToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(WORKSPACE, "globex");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        introspect(forged).statusCode(200).body("active", equalTo(false)).body("workspace_id", nullValue());
        introspect("a.b.c").statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aWrongSecretIsInvalidClientAndBasicGetsAChallenge() {
        String otherClient = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", "Okta", "verificationId", approval())).when().post(CLIENTS).then()
                .statusCode(201).extract().path("clientId");
        String otherSecret = addSecret(otherClient, 1095).extract().path("clientSecret");
        Map<String, String> grant = Map.of("grant_type", "client_credentials");

        for (String wrong : new String[] { otherSecret, "scimcs_wrong", secret.substring(0, 55) + "x" }) {
            var refused = tokenWithBasic(clientId, wrong, grant);
            assertTokenError(refused, 401, "invalid_client");
            refused.header("WWW-Authenticate", equalTo("Basic realm=\"scim-token-service\""));
        }
        assertTokenError(tokenWithBasic("not-a-client", secret, grant), 401, "invalid_client");
        var posted = tokenWithPost(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", otherSecret));
        assertTokenError(posted, 401, "invalid_client");
        posted.header("WWW-Authenticate", nullValue());
        assertTokenError(tokenWithPost(grant), 401, "invalid_client");
    }

    @Test
    void anExpiredSecretIsInvalidClient() {
        clock.advance(Duration.ofDays(30));
        assertTokenError(tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials")), 401,
                "invalid_client");
    }

    @Test
    void badRequestsAreRfc6749Errors() {
        assertTokenError(tokenWithBasic(clientId, secret, Map.of()), 400, "invalid_request");
        assertTokenError(tokenWithBasic(clientId, secret, Map.of("grant_type", "password")), 400,
                "unsupported_grant_type");
        assertTokenError(tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials", "scope",
                "scim openid")), 400, "invalid_scope");
        assertTokenError(tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials",
                "client_secret", secret)), 400, "invalid_request");
        assertTokenError(tokenWithPost(Map.of("grant_type", "client_credentials", "client_secret", secret)), 400,
                "invalid_request");
        assertTokenError(given().header("Authorization", basic(clientId, secret)).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials", "client_credentials").when().post(TOKEN).then(), 400,
                "invalid_request");
    }

    @Test
    void theTokenEndpointIsRateLimitedByAddress() {
        tokenWithBasic(clientId, secret, Map.of("grant_type", "client_credentials")).statusCode(200)
                .header("RateLimit-Limit", notNullValue()).header("RateLimit-Remaining", notNullValue());
    }
}
