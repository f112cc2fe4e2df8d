package com.cerby.scimtoken.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A software passkey with a browser around it: what {@code navigator.credentials.create} and {@code get} would answer
 * for the service's options, in the JSON form of {@code PublicKeyCredential.toJSON()}. The CBOR, COSE and
 * authenticator data are made with webauthn4j's converters; the knobs make the answers a phishing page, a cloned
 * authenticator or a careless one would give.
 */
public final class TestPasskey {

    public static final String PASSKEYS = "/api/v1/me/passkeys";
    public static final String ORIGIN = "http://localhost:8080";
    public static final String RP_ID = "localhost";
    private static final byte FLAG_UP = AuthenticatorData.BIT_UP;
    private static final byte FLAG_UV = AuthenticatorData.BIT_UV;
    private static final byte FLAG_AT = AuthenticatorData.BIT_AT;

    private final ObjectConverter converter = new ObjectConverter();
    private final ObjectMapper json = new ObjectMapper();
    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private String id;
    private long signCount;
    private String origin = ORIGIN;
    private String rpId = RP_ID;
    private boolean userVerified = true;
    private boolean userPresent = true;

    public TestPasskey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    /** Registers a new passkey as the user's first factor and answers it. */
    public static TestPasskey registeredFor(String jwt) {
        return registeredFor(jwt, null);
    }

    /** Registers a new passkey, with the approved manage_factors verification when one is given. */
    public static TestPasskey registeredFor(String jwt, String verificationId) {
        TestPasskey passkey = new TestPasskey();
        passkey.id = passkey.register(jwt, verificationId).statusCode(201).extract().path("id");
        return passkey;
    }

    /** Asks for creation options, creates the credential and registers it. */
    public ValidatableResponse register(String jwt, String verificationId) {
        return send(jwt, create(options(jwt)), verificationId);
    }

    /** Fresh creation options for the user. */
    public static Map<String, Object> options(String jwt) {
        return given().auth().oauth2(jwt).when().post(PASSKEYS + "/options").then().statusCode(200).extract()
                .jsonPath().getMap("$");
    }

    /** Sends a registration of the credential. */
    public static ValidatableResponse send(String jwt, Map<String, Object> credential, String verificationId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Laptop passkey", "credential", credential));
        if (verificationId != null) {
            body.put("verificationId", verificationId);
        }
        return given().auth().oauth2(jwt).contentType("application/json").body(body).when().post(PASSKEYS).then();
    }

    /** Starts a passkey verification for the action and answers the service's view of it. */
    public static Map<String, Object> start(String jwt, String workspaceId, String action) {
        return Flows.start(jwt, workspaceId, Map.of("action", action, "method", "passkey")).statusCode(201)
                .extract().jsonPath().getMap("$");
    }

    /** Sends a credential as the answer to a passkey verification. */
    public static ValidatableResponse answer(String jwt, String workspaceId, Object verificationId,
            Map<String, Object> credential) {
        return given().auth().oauth2(jwt).contentType("application/json").body(Map.of("credential", credential))
                .when().post(Flows.verificationsPath(workspaceId) + "/" + verificationId + "/passkey").then();
    }

    /** A verification for the action approved with this passkey: answers its id. */
    @SuppressWarnings("unchecked")
    public String approved(String jwt, String workspaceId, String action) {
        Map<String, Object> started = start(jwt, workspaceId, action);
        answer(jwt, workspaceId, started.get("id"),
                get((Map<String, Object>) started.get("publicKeyCredentialRequestOptions"))).statusCode(200);
        return (String) started.get("id");
    }

    /** What {@code navigator.credentials.create} answers, with {@code none} attestation. */
    public Map<String, Object> create(Map<String, Object> options) {
        return create(options, (authenticatorData, clientDataHash) -> new NoneAttestationStatement());
    }

    /** The same with a packed self attestation, signed by the new key or, when forged, by another. */
    public Map<String, Object> createWithPackedAttestation(Map<String, Object> options, boolean forged) {
        return create(options, (authenticatorData, clientDataHash) -> new PackedAttestationStatement(
                COSEAlgorithmIdentifier.ES256,
                sign(forged ? new TestPasskey().keys : keys, concat(authenticatorData, clientDataHash)), null));
    }

    /** What {@code navigator.credentials.get} answers for a verification's request options. */
    public Map<String, Object> get(Map<String, Object> requestOptions) {
        return getSigning((String) requestOptions.get("challenge"));
    }

    /** An assertion over the given challenge (base64url); the counter goes up first, as an authenticator's does. */
    public Map<String, Object> getSigning(String challenge) {
        signCount++;
        byte[] clientData = clientData("webauthn.get", challenge);
        byte[] authenticatorData = new AuthenticatorDataConverter(converter).convert(
                new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(false), signCount));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", base64Url(clientData));
        response.put("authenticatorData", base64Url(authenticatorData));
        response.put("signature", base64Url(sign(keys, concat(authenticatorData, sha256(clientData)))));
        return credential(response);
    }

    private interface Attestation {
        AttestationStatement of(byte[] authenticatorData, byte[] clientDataHash);
    }

    private Map<String, Object> create(Map<String, Object> options, Attestation attestation) {
        byte[] clientData = clientData("webauthn.create", (String) options.get("challenge"));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                flags(true), signCount, new AttestedCredentialData(AAGUID.ZERO, credentialId,
                        EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256)));
        byte[] authenticatorData = new AuthenticatorDataConverter(converter).convert(data);
        AttestationObject object = new AttestationObject(data, attestation.of(authenticatorData, sha256(clientData)));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", base64Url(clientData));
        response.put("attestationObject", base64Url(new AttestationObjectConverter(converter).convertToBytes(object)));
        response.put("transports", List.of("internal"));
        return credential(response);
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", base64Url(credentialId));
        credential.put("rawId", base64Url(credentialId));
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("authenticatorAttachment", "platform");
        credential.put("clientExtensionResults", Map.of());
        return credential;
    }

    private byte flags(boolean attested) {
        byte flags = 0;
        if (userPresent) {
            flags |= FLAG_UP;
        }
        if (userVerified) {
            flags |= FLAG_UV;
        }
        if (attested) {
            flags |= FLAG_AT;
        }
        return flags;
    }

    private byte[] clientData(String type, String challenge) {
        try {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", type);
            data.put("challenge", challenge);
            data.put("origin", origin);
            data.put("crossOrigin", false);
            return json.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers as a page on another origin would (a phishing relay). */
    public TestPasskey onOrigin(String otherOrigin) {
        origin = otherOrigin;
        return this;
    }

    /** Answers for another relying party id. */
    public TestPasskey forRpId(String otherRpId) {
        rpId = otherRpId;
        return this;
    }

    /** Answers without user verification (no PIN, no biometrics). */
    public TestPasskey withoutUserVerification() {
        userVerified = false;
        return this;
    }

    /** Answers without user presence (no touch). */
    public TestPasskey withoutUserPresence() {
        userPresent = false;
        return this;
    }

    /** Sets the signature counter, as a cloned authenticator that lags behind the original would. */
    public TestPasskey withSignCount(long count) {
        signCount = count;
        return this;
    }

    /** The id the service gave the passkey when it was registered. */
    public String id() {
        return id;
    }

    public byte[] credentialId() {
        return credentialId.clone();
    }

    /** The private key (PKCS #8), for an authenticator that is to hold this passkey, such as Chromium's virtual one. */
    public byte[] privateKey() {
        return keys.getPrivate().getEncoded();
    }

    private static byte[] sign(KeyPair keys, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
