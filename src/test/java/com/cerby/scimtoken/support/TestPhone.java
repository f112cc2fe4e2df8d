package com.cerby.scimtoken.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Plays a user's mobile device: its own P-256 key pair, its enrollment and its signed decisions. */
public final class TestPhone {

    private final KeyPair keys;
    private String deviceId;

    public TestPhone() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Enrolls this phone as the first factor of the user of the JWT and remembers its device id. */
    public static TestPhone enrolledFor(String jwt) {
        TestPhone phone = new TestPhone();
        phone.deviceId = phone.enroll(jwt).statusCode(201).extract().path("id");
        return phone;
    }

    /** Enrolls this phone as a further factor, with an approved manage_factors verification. */
    public static TestPhone enrolledFor(String jwt, String verificationId) {
        TestPhone phone = new TestPhone();
        phone.deviceId = phone.enroll(jwt, verificationId).statusCode(201).extract().path("id");
        return phone;
    }

    public ValidatableResponse enroll(String jwt) {
        return enroll(jwt, null);
    }

    /** Enrolls this phone, naming the manage_factors verification that allows it (or none when null). */
    public ValidatableResponse enroll(String jwt, String verificationId) {
        return enroll(jwt, verificationId, "Test phone");
    }

    /** Enrolls this phone under a name of its own, with the manage_factors verification that allows it (or null). */
    public ValidatableResponse enroll(String jwt, String verificationId, String name) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "publicKey", publicJwk()));
        if (verificationId != null) {
            body.put("verificationId", verificationId);
        }
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/me/devices").then();
    }

    public Map<String, Object> publicJwk() {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        return Map.of("kty", "EC", "crv", "P-256", "x", coordinate(key.getW().getAffineX()),
                "y", coordinate(key.getW().getAffineY()));
    }

    /** Remembers the device id the service gave this phone at an enrollment made by other means. */
    public TestPhone enrolledAs(String id) {
        this.deviceId = id;
        return this;
    }

    public String deviceId() {
        return deviceId;
    }

    public ValidatableResponse approve(String jwt, String verificationId, int number) {
        return decide(jwt, verificationId, assertion(verificationId, "approve", number, Instant.now()));
    }

    public ValidatableResponse deny(String jwt, String verificationId) {
        return decide(jwt, verificationId, assertion(verificationId, "deny", null, Instant.now()));
    }

    public ValidatableResponse report(String jwt, String verificationId) {
        return decide(jwt, verificationId, assertion(verificationId, "report", null, Instant.now()));
    }

    public static ValidatableResponse decide(String jwt, String verificationId, String assertion) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(Map.of("assertion", assertion))
                .when().post("/api/v1/me/verifications/" + verificationId + "/decision").then();
    }

    /** A decision signed by this phone; the claims can be anything a test wants to try. */
    public String assertion(String verificationId, String decision, Integer number, Instant issuedAt) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("vid", verificationId);
        claims.setClaim("decision", decision);
        if (number != null) {
            claims.setClaim("number", number);
        }
        claims.setClaim("iat", issuedAt.getEpochSecond());
        return sign(claims.toJson(), deviceId);
    }

    /** Signs any payload with this phone's key under the given key id. */
    public String sign(String payload, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setPayload(payload);
        jws.setKey(keys.getPrivate());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String coordinate(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
