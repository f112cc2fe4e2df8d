package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.introspect;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.CapturedLog;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestFederatedIssuer;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 7523 client assertions at the token endpoint, signed by a test issuer in Microsoft Entra ID's shapes served on
 * loopback (OpenID Connect discovery and JWKS).
 */
@QuarkusTest
class FederatedAssertionTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";
    private static final String TOKEN = "/oauth2/token";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Inject
    UsedAssertionSweeper sweeper;

    private final TestFederatedIssuer idp = TestFederatedIssuer.get();
    private TestPhone phone;
    private TestFederatedIssuer.Tenant tenant;
    private String objectId;
    private String audience;
    private String clientId;
    private String credentialId;

    @BeforeEach
    void trustAnEntraWorkload() {
        phone = TestPhone.enrolledFor(OWNER);
        tenant = idp.newTenant();
        objectId = UUID.randomUUID().toString();
        audience = "api://" + UUID.randomUUID();
        clientId = createClient("Entra ID");
        credentialId = addCredential(clientId, tenant.issuer(), objectId, audience, null);
    }

    private String approval() {
        return approved(OWNER, WORKSPACE, phone, "manage_clients");
    }

    private String createClient(String name) {
        return given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", name, "verificationId", approval())).when().post(CLIENTS).then()
                .statusCode(201).extract().path("clientId");
    }

    private String addCredential(String client, String issuer, String subject, String aud, String jwksUri) {
        Map<String, Object> body = new HashMap<>(Map.of("issuer", issuer, "subject", subject,
                "verificationId", approval()));
        if (aud != null) {
            body.put("audience", aud);
        }
        if (jwksUri != null) {
            body.put("jwksUri", jwksUri);
        }
        return given().auth().oauth2(OWNER).contentType(ContentType.JSON).body(body).when()
                .post(CLIENTS + "/" + client + "/federated-credentials").then().statusCode(201).extract()
                .path("credentialId");
    }

    private JwtClaims claims() {
        return tenant.claims(objectId, audience, clock.instant());
    }

    private ValidatableResponse token(String assertion) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_assertion_type",
                JWT_BEARER, "client_assertion", assertion, "scope", "scim"));
    }

    private static ValidatableResponse token(Map<String, String> form) {
        return given().contentType(ContentType.URLENC).formParams(form).when().post(TOKEN).then();
    }

    private static ValidatableResponse assertTokenError(ValidatableResponse response, int status, String error) {
        return response.statusCode(status).contentType(ContentType.JSON).header("Cache-Control", "no-store")
                .body("error", equalTo(error)).body("error_description", notNullValue())
                .header("WWW-Authenticate", nullValue()).body("code", nullValue());
    }

    private long usedAssertions() throws SQLException {
        return (Long) database.queryValue("select count(*) from used_assertion");
    }

    @Test
    void anEntraAssertionGetsAnAccessTokenThatIntrospectsActive() throws Exception {
        JwtClaims claims = claims();
        String accessToken = token(tenant.sign(claims)).statusCode(200).contentType(ContentType.JSON)
                .header("Cache-Control", "no-store").body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600)).body("scope", equalTo("scim")).extract().path("access_token");

        introspect(accessToken).statusCode(200).body("active", equalTo(true)).body("client_id", equalTo(clientId))
                .body("workspace_id", equalTo(WORKSPACE)).body("token_type", equalTo("access_token"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(accessToken);
        JwtClaims issued = JwtClaims.parse(jws.getUnverifiedPayload());
        assertEquals(credentialId, issued.getStringClaimValue("credential_id"));
        assertEquals(clientId, issued.getSubject());
        // Discovery once, the keys once; the jti is kept until the assertion expires (plus the skew).
        assertEquals(1, tenant.discoveries());
        assertEquals(1, tenant.keyFetches());
        assertEquals(claims.getExpirationTime().getValue() + 60, ((java.sql.Timestamp) database.queryValue(
                "select expires_at from used_assertion where issuer = ? and jti = ?", tenant.issuer(),
                claims.getJwtId())).toInstant().getEpochSecond());

        token(tenant.sign(claims())).statusCode(200);
        assertEquals(1, tenant.keyFetches(), "known keys are not fetched again");
    }

    @Test
    void clientIdIsOptionalButMustMatchWhenSent() {
        token(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER,
                "client_assertion", tenant.sign(claims()))).statusCode(200);

        String otherClient = createClient("Okta");
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_id", otherClient,
                "client_assertion_type", JWT_BEARER, "client_assertion", tenant.sign(claims()))), 401,
                "invalid_client");
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_id", "not-a-client",
                "client_assertion_type", JWT_BEARER, "client_assertion", tenant.sign(claims()))), 401,
                "invalid_client");
    }

    @Test
    void twoClientsTrustingTheSameWorkloadNeedClientId() {
        String staging = createClient("Entra ID (staging)");
        addCredential(staging, tenant.issuer(), objectId, audience, null);

        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER,
                "client_assertion", tenant.sign(claims()))), 400, "invalid_request");
        String accessToken = token(Map.of("grant_type", "client_credentials", "client_id", staging,
                "client_assertion_type", JWT_BEARER, "client_assertion", tenant.sign(claims()))).statusCode(200)
                .extract().path("access_token");
        introspect(accessToken).body("client_id", equalTo(staging));
    }

    @Test
    void aWrongSignatureIsInvalidClient() throws Exception {
        RsaJsonWebKey impostor = TestFederatedIssuer.newKey();
        impostor.setKeyId(tenant.key().getKeyId());
        assertTokenError(token(TestFederatedIssuer.sign(claims(), impostor, AlgorithmIdentifiers.RSA_USING_SHA256)),
                401, "invalid_client").body("error_description", equalTo("Client authentication failed."));

        String genuine = tenant.sign(claims());
        String[] parts = genuine.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"scim\"", "\"x\"").replace(audience, audience + "x");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertTokenError(token(tampered), 401, "invalid_client");
        assertEquals(0L, usedAssertions());
    }

    @Test
    void onlyRs256AndEs256SignaturesAreAccepted() throws Exception {
        JwtClaims claims = claims();
        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload(claims.toJson());
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hmac.setKeyIdHeaderValue(tenant.key().getKeyId());
        hmac.setKey(new HmacKey(new byte[32]));
        assertTokenError(token(hmac.getCompactSerialization()), 401, "invalid_client");

        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"alg\":\"none\",\"kid\":\"" + tenant.key().getKeyId() + "\"}").getBytes(StandardCharsets.UTF_8));
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().toJson().getBytes(StandardCharsets.UTF_8));
        assertTokenError(token(header + "." + body + "."), 401, "invalid_client");
        assertTokenError(token("not.a.jwt"), 401, "invalid_client");

        // An issuer with an EC key signs ES256.
        EllipticCurveJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        tenant.publish(tenant.key(), ec);
        clock.advance(Duration.ofMinutes(2));
        token(TestFederatedIssuer.sign(claims(), ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))
                .statusCode(200);
        // An RSA key named for an ES256 signature does not verify it.
        assertTokenError(token(TestFederatedIssuer.sign(claims(), tenant.key(),
                AlgorithmIdentifiers.RSA_USING_SHA384)), 401, "invalid_client");
    }

    @Test
    void anUnknownIssuerOrSubjectIsInvalidClient() {
        JwtClaims otherSubject = tenant.claims(UUID.randomUUID().toString(), audience, clock.instant());
        assertTokenError(token(tenant.sign(otherSubject)), 401, "invalid_client")
                .body("error_description", equalTo("Client authentication failed."));

        TestFederatedIssuer.Tenant other = idp.newTenant();
        assertTokenError(token(other.sign(other.claims(objectId, audience, clock.instant()))), 401, "invalid_client");
        assertEquals(0, other.keyFetches(), "an issuer no credential names is never fetched from");
        assertEquals(0, tenant.keyFetches());
    }

    @Test
    void theAudienceMustBeTheCredentialsOrByDefaultTheTokenEndpoint() throws Exception {
        JwtClaims wrong = claims();
        wrong.setAudience("api://another-app");
        assertTokenError(token(tenant.sign(wrong)), 401, "invalid_client");
        JwtClaims several = claims();
        several.setAudience("api://another-app", audience);
        token(tenant.sign(several)).statusCode(200);

        String subject = UUID.randomUUID().toString();
        addCredential(clientId, tenant.issuer(), subject, null, null);
        String tokenEndpoint = given().when().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .body("token_endpoint_auth_methods_supported", hasItem("private_key_jwt"))
                .extract().path("token_endpoint");
        assertTokenError(token(tenant.sign(tenant.claims(subject, audience, clock.instant()))), 401,
                "invalid_client");
        token(tenant.sign(tenant.claims(subject, tokenEndpoint, clock.instant()))).statusCode(200);
    }

    @Test
    void anExpiredAssertionIsInvalidClientBeyondTheSkew() throws Exception {
        JwtClaims claims = claims();
        claims.setExpirationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond() + 120));
        String assertion = tenant.sign(claims);
        clock.advance(Duration.ofSeconds(170));
        token(assertion).statusCode(200);

        JwtClaims late = claims();
        late.setExpirationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond() + 120));
        String lateAssertion = tenant.sign(late);
        clock.advance(Duration.ofSeconds(181));
        assertTokenError(token(lateAssertion), 401, "invalid_client")
                .body("error_description", equalTo("The client assertion has expired."));

        JwtClaims noExp = claims();
        noExp.unsetClaim("exp");
        assertTokenError(token(tenant.sign(noExp)), 401, "invalid_client");
    }

    @Test
    void anAssertionNotValidYetOrLivingTooLongIsInvalidClient() throws Exception {
        Instant now = clock.instant();
        JwtClaims early = claims();
        early.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond() + 300));
        assertTokenError(token(tenant.sign(early)), 401, "invalid_client")
                .body("error_description", equalTo("The client assertion is not valid yet (nbf)."));
        JwtClaims slightlyEarly = claims();
        slightlyEarly.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond() + 30));
        token(tenant.sign(slightlyEarly)).statusCode(200);

        JwtClaims future = claims();
        future.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond() + 300));
        assertTokenError(token(tenant.sign(future)), 401, "invalid_client");

        JwtClaims longLived = claims();
        longLived.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 3 * 3600));
        assertTokenError(token(tenant.sign(longLived)), 401, "invalid_client");
        JwtClaims noIatLongLived = claims();
        noIatLongLived.unsetClaim("iat");
        noIatLongLived.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 3 * 3600));
        assertTokenError(token(tenant.sign(noIatLongLived)), 401, "invalid_client");
        JwtClaims absurd = claims();
        absurd.setExpirationTime(NumericDate.fromSeconds(Long.MAX_VALUE));
        assertTokenError(token(tenant.sign(absurd)), 401, "invalid_client");
    }

    @Test
    void eachJtiIsUsedOnceAndForgottenAfterItsAssertionExpires() throws Exception {
        String assertion = tenant.sign(claims());
        token(assertion).statusCode(200);
        assertTokenError(token(assertion), 401, "invalid_client")
                .body("error_description", equalTo("The client assertion was already used; each jti is used once."));
        assertEquals(1L, usedAssertions());

        JwtClaims noJti = claims();
        noJti.unsetClaim("jti");
        assertTokenError(token(tenant.sign(noJti)), 401, "invalid_client");
        JwtClaims longJti = claims();
        longJti.setJwtId("j".repeat(257));
        assertTokenError(token(tenant.sign(longJti)), 401, "invalid_client");

        assertEquals(0, sweeper.sweep());
        clock.advance(Duration.ofMinutes(62));
        assertEquals(1, sweeper.sweep());
        assertEquals(0L, usedAssertions());
        assertTokenError(token(assertion), 401, "invalid_client")
                .body("error_description", equalTo("The client assertion has expired."));
    }

    @Test
    void aRotatedKeyIsFetchedOnceAMinuteAtMost() throws Exception {
        clock.stop();
        token(tenant.sign(claims())).statusCode(200);
        assertEquals(1, tenant.keyFetches());

        RsaJsonWebKey second = TestFederatedIssuer.newKey();
        tenant.publish(second, tenant.key());
        // Within a minute of the last fetch an unknown kid is not fetched for.
        clock.advance(Duration.ofSeconds(30));
        assertTokenError(token(TestFederatedIssuer.sign(claims(), second, AlgorithmIdentifiers.RSA_USING_SHA256)),
                401, "invalid_client");
        assertEquals(1, tenant.keyFetches());

        clock.advance(Duration.ofSeconds(31));
        token(TestFederatedIssuer.sign(claims(), second, AlgorithmIdentifiers.RSA_USING_SHA256)).statusCode(200);
        assertEquals(2, tenant.keyFetches());

        RsaJsonWebKey third = TestFederatedIssuer.newKey();
        tenant.publish(third, second);
        for (int i = 0; i < 3; i++) {
            assertTokenError(token(TestFederatedIssuer.sign(claims(), third, AlgorithmIdentifiers.RSA_USING_SHA256)),
                    401, "invalid_client");
        }
        assertTokenError(token(TestFederatedIssuer.sign(claims(), TestFederatedIssuer.newKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256)), 401, "invalid_client");
        assertEquals(2, tenant.keyFetches(), "made-up key ids do not make the service hammer the issuer");

        clock.advance(Duration.ofSeconds(60));
        token(TestFederatedIssuer.sign(claims(), third, AlgorithmIdentifiers.RSA_USING_SHA256)).statusCode(200);
        assertEquals(3, tenant.keyFetches());
        assertEquals(3, tenant.discoveries(), "each fetch follows the discovery document");
    }

    @Test
    void anIssuerThatCannotBeReachedIsInvalidClientNeverAServerErrorAndIsLoggedOnce() {
        tenant.failing(true);
        String assertion = tenant.sign(claims());
        try (CapturedLog log = CapturedLog.open()) {
            assertTokenError(token(assertion), 401, "invalid_client")
                    .body("error_description", equalTo("Client authentication failed."));
            assertTokenError(token(tenant.sign(claims())), 401, "invalid_client");
            List<String> warnings = log.lines().stream()
                    .filter(line -> line.contains("could not be fetched")).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(tenant.issuer()) && warnings.get(0).contains("503"), warnings.get(0));
            assertTrue(log.lines().stream().noneMatch(line -> line.contains(assertion.substring(0, 30))));
        }
        assertEquals(1, tenant.discoveries(), "a failed fetch also waits for the refetch interval");

        tenant.failing(false);
        clock.advance(Duration.ofSeconds(61));
        token(tenant.sign(claims())).statusCode(200);

        String subject = UUID.randomUUID().toString();
        addCredential(clientId, "http://127.0.0.1:9/nobody/v2.0", subject, audience, null);
        JwtClaims nowhere = tenant.claims(subject, audience, clock.instant());
        nowhere.setIssuer("http://127.0.0.1:9/nobody/v2.0");
        assertTokenError(token(tenant.sign(nowhere)), 401, "invalid_client");
    }

    @Test
    void aCredentialsJwksUriIsUsedWithoutDiscovery() {
        String subject = UUID.randomUUID().toString();
        addCredential(clientId, tenant.issuer(), subject, audience, tenant.jwksUri());

        token(tenant.sign(tenant.claims(subject, audience, clock.instant()))).statusCode(200);
        assertEquals(0, tenant.discoveries());
        assertEquals(1, tenant.keyFetches());
    }

    @Test
    void removingTheFederatedCredentialMakesItsAccessTokensInactive() {
        String accessToken = token(tenant.sign(claims())).statusCode(200).extract().path("access_token");
        introspect(accessToken).body("active", equalTo(true));

        given().auth().oauth2(OWNER).queryParam("verificationId", approval()).when()
                .delete(CLIENTS + "/" + clientId + "/federated-credentials/" + credentialId).then().statusCode(204);

        introspect(accessToken).statusCode(200).body("active", equalTo(false)).body("client_id", nullValue());
        assertTokenError(token(tenant.sign(claims())), 401, "invalid_client");
    }

    @Test
    void badAssertionRequestsAreInvalidRequest() {
        String assertion = tenant.sign(claims());
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:saml2-bearer", "client_assertion", assertion)), 400,
                "invalid_request");
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_assertion", assertion)), 400,
                "invalid_request");
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER)),
                400, "invalid_request");
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER,
                "client_assertion", "x".repeat(8193))), 400, "invalid_request");
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER,
                "client_assertion", assertion, "client_secret", "scimcs_x")), 400, "invalid_request");
        assertTokenError(given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":scimcs_x").getBytes(StandardCharsets.UTF_8))).contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER,
                        "client_assertion", assertion)).when().post(TOKEN).then(), 400, "invalid_request");
        assertTokenError(token(Map.of("grant_type", "password", "client_assertion_type", JWT_BEARER,
                "client_assertion", assertion)), 400, "unsupported_grant_type");
        assertTokenError(token(Map.of("grant_type", "client_credentials", "client_assertion_type", JWT_BEARER,
                "client_assertion", tenant.sign(claims()), "scope", "openid")), 400, "invalid_scope");
    }

    @Test
    void nothingOfTheAssertionIsStoredButItsJti() throws Exception {
        String assertion = tenant.sign(claims());
        token(assertion).statusCode(200);
        String signature = assertion.substring(assertion.lastIndexOf('.') + 1);
        assertTrue(!database.dumpAllTables().contains(signature.substring(0, 40)));
    }
}
