package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.introspect;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signing key rotates every {@code scim-token.oauth.signing-key-rotation} (P30D here): the replaced key stays
 * published and accepted until its tokens have expired (the access-token lifetime, PT1H, plus 5 minutes), then it is
 * dropped. Each test starts without a key, so that the first token request makes one at the test's clock.
 */
@QuarkusTest
class SigningKeyRotationTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";
    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration RETENTION = Duration.ofMinutes(65);

    @Inject
    SigningKeys signingKeys;

    private String clientId;
    private String secret;

    @BeforeEach
    void aClientWithASecretAndNoSigningKeyYet() throws SQLException {
        withoutSigningKeys();
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        clientId = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", "Entra ID", "verificationId", approved(OWNER, WORKSPACE, phone, "manage_clients")))
                .when().post(CLIENTS).then().statusCode(201).extract().path("clientId");
        secret = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approved(OWNER, WORKSPACE, phone, "manage_clients"),
                        "expiresInDays", 1095))
                .when().post(CLIENTS + "/" + clientId + "/secrets").then().statusCode(201).extract()
                .path("clientSecret");
    }

    /** Other classes find one key made at real time, as they would without this one. */
    @AfterEach
    void withoutSigningKeys() throws SQLException {
        database.execute("delete from oauth_signing_key");
        signingKeys.forget();
    }

    private String accessToken() {
        return given().contentType(ContentType.URLENC).formParams(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret)).when().post("/oauth2/token").then().statusCode(200)
                .extract().path("access_token");
    }

    private static String kid(String jwt) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(jwt);
        return jws.getKeyIdHeaderValue();
    }

    private static List<String> publishedKids() {
        return given().when().get("/oauth2/jwks").then().statusCode(200).extract().path("keys.kid");
    }

    private boolean isActive(String accessToken) {
        return introspect(accessToken).statusCode(200).extract().path("active");
    }

    private long storedKeys() throws SQLException {
        return (Long) database.queryValue("select count(*) from oauth_signing_key");
    }

    @Test
    void aKeyOlderThanTheRotationIsReplacedAndStaysPublishedUntilItsTokensHaveExpired() throws Exception {
        String first = accessToken();
        String firstKid = kid(first);
        assertEquals(List.of(firstKid), publishedKids());

        clock.advance(ROTATION.minusMinutes(30));
        String beforeRotation = accessToken();
        assertEquals(firstKid, kid(beforeRotation), "the key rotated before its time");

        clock.advance(Duration.ofMinutes(31));
        String afterRotation = accessToken();
        String secondKid = kid(afterRotation);
        assertNotEquals(firstKid, secondKid);
        assertEquals(List.of(secondKid, firstKid), publishedKids(), "the JWKS holds the current and previous key");
        assertEquals(2L, storedKeys());
        assertEquals(true, isActive(beforeRotation), "a token signed before the rotation is still accepted");
        assertEquals(true, isActive(afterRotation));

        clock.advance(RETENTION.minusMinutes(1));
        assertEquals(List.of(secondKid, firstKid), publishedKids());

        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of(secondKid), publishedKids(), "the previous key outlived its tokens");
        assertEquals(false, isActive(beforeRotation));
        assertEquals(secondKid, kid(accessToken()));
        assertEquals(1L, storedKeys(), "a key no longer published is deleted");
        assertEquals(secondKid, database.queryValue("select kid from oauth_signing_key"));
    }

    @Test
    void aTokenSignedByAKeyNoLongerPublishedIsInactiveThoughItsClaimsAreValid() throws Exception {
        String first = accessToken();
        EllipticCurveJsonWebKey retired = signingKeys.keys().current();
        assertEquals(kid(first), retired.getKeyId());

        clock.advance(ROTATION.plusMinutes(1));
        String current = accessToken();
        clock.advance(RETENTION.plusMinutes(1));
        assertEquals(List.of(kid(current)), publishedKids());

        // The same claims, fresh dates, signed once by the current key and once by the dropped one.
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(current.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
        long now = clock.instant().getEpochSecond();
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + 600));
        assertEquals(true, isActive(sign(claims, signingKeys.keys().current())), "the control token is refused");
        assertEquals(false, isActive(sign(claims, retired)));
    }

    @Test
    void instancesThatNoticeTheDueRotationAtOnceMakeOneKey() throws Exception {
        String first = kid(accessToken());
        clock.advance(ROTATION.plusMinutes(1));

        // Each reload runs in a transaction of its own, as on separate instances sharing the database.
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> reloads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                reloads.add(() -> signingKeys.reload().current().getKeyId());
            }
            List<String> currents = new ArrayList<>();
            for (Future<String> reloaded : instances.invokeAll(reloads)) {
                currents.add(reloaded.get());
            }
            assertEquals(1, currents.stream().distinct().count(), "instances sign with different keys: " + currents);
            assertNotEquals(first, currents.get(0));
        } finally {
            instances.shutdown();
        }
        assertEquals(2L, storedKeys(), "more than one new key was made");
    }

    private static String sign(JwtClaims claims, EllipticCurveJsonWebKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "at+jwt");
        return jws.getCompactSerialization();
    }
}
