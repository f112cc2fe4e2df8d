package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class FederatedCredentialsTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";
    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    private static final String OBJECT_ID = "9f2b1c4e-6d3a-4b8e-a1f0-5c7d2e9b3a61";

    private TestPhone phone;
    private String clientId;
    private String credentials;

    @BeforeEach
    void createAClient() {
        phone = TestPhone.enrolledFor(OWNER);
        clientId = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", "Entra ID", "verificationId", approval())).when().post(CLIENTS).then()
                .statusCode(201).extract().path("clientId");
        credentials = CLIENTS + "/" + clientId + "/federated-credentials";
    }

    private String approval() {
        return approved(OWNER, WORKSPACE, phone, "manage_clients");
    }

    private static Map<String, Object> body(String issuer, String subject, String audience, String jwksUri,
            String verificationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("issuer", issuer);
        body.put("subject", subject);
        if (audience != null) {
            body.put("audience", audience);
        }
        if (jwksUri != null) {
            body.put("jwksUri", jwksUri);
        }
        body.put("verificationId", verificationId);
        return body;
    }

    private static ValidatableResponse add(String jwt, String path, Map<String, Object> body) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static ValidatableResponse remove(String jwt, String path, String verificationId) {
        return given().auth().oauth2(jwt).queryParam("verificationId", verificationId).when().delete(path).then();
    }

    private static ValidatableResponse list(String jwt) {
        return given().auth().oauth2(jwt).when().get(CLIENTS).then();
    }

    @Test
    void anOwnerAddsAFederatedCredentialThatTheListShowsAndTheAuditRecords() throws SQLException {
        String verification = approval();
        var added = add(OWNER, credentials, body(ISSUER, OBJECT_ID, "api://7d1c5e0a-app", null, verification))
                .statusCode(201).contentType(ContentType.JSON).body("issuer", equalTo(ISSUER))
                .body("subject", equalTo(OBJECT_ID)).body("audience", equalTo("api://7d1c5e0a-app"))
                .body("jwksUri", nullValue()).body("createdBy", equalTo("olivia")).extract();
        String credentialId = added.path("credentialId");

        assertTrue(added.header("Location").endsWith(credentials + "/" + credentialId), added.header("Location"));
        for (String role : new String[] { "owner", "super_admin", "admin" }) {
            list(TestTokens.jwt("sam", WORKSPACE, role)).statusCode(200)
                    .body("items[0].federatedCredentials", hasSize(1))
                    .body("items[0].federatedCredentials[0].credentialId", equalTo(credentialId))
                    .body("items[0].federatedCredentials[0].issuer", equalTo(ISSUER))
                    .body("items[0].federatedCredentials[0].subject", equalTo(OBJECT_ID))
                    .body("items[0].federatedCredentials[0].audience", equalTo("api://7d1c5e0a-app"))
                    .body("items[0].federatedCredentials[0].createdAt", equalTo(added.path("createdAt")));
        }
        assertEquals(1L, database.queryValue("select count(*) from federated_credential where id = ? and client_id = ?"
                + " and issuer = ? and subject = ? and jwks_uri is null", UUID.fromString(credentialId),
                UUID.fromString(clientId), ISSUER, OBJECT_ID));
        assertEquals(credentialId, database.queryValue("select details->>'credentialId' from audit_event"
                + " where type = 'oauth_client.federated_credential_added' and verification_id = ?",
                UUID.fromString(verification)));
        assertEquals(OBJECT_ID, database.queryValue("select details->>'subject' from audit_event"
                + " where type = 'oauth_client.federated_credential_added'"));
        assertProblem(add(OWNER, credentials, body(ISSUER, "another", null, null, verification)), 409,
                "verification_already_used", credentials);
    }

    @Test
    void withoutAudienceOrJwksUriBothAreNullAndMeanTheDefaults() {
        add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, approval())).statusCode(201)
                .body("audience", nullValue()).body("jwksUri", nullValue());
        String jwks = "https://login.microsoftonline.com/" + TENANT + "/discovery/v2.0/keys";
        add(OWNER, credentials, body(ISSUER, "other-subject", null, jwks, approval())).statusCode(201)
                .body("jwksUri", equalTo(jwks));
        list(OWNER).body("items[0].federatedCredentials", hasSize(2))
                .body("items[0].federatedCredentials[1].jwksUri", equalTo(jwks));
    }

    @Test
    void removingACredentialSpendsAVerificationAndIsAudited() throws SQLException {
        String credentialId = add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, approval()))
                .statusCode(201).extract().path("credentialId");
        String path = credentials + "/" + credentialId;

        assertProblem(remove(OWNER, path, UUID.randomUUID().toString()), 403, "verification_required", path);
        assertEquals(1L, database.queryValue("select count(*) from federated_credential"));

        String verification = approval();
        remove(OWNER, path, verification).statusCode(204);
        list(OWNER).body("items[0].federatedCredentials", hasSize(0));
        assertEquals(0L, database.queryValue("select count(*) from federated_credential"));
        assertEquals(credentialId, database.queryValue("select details->>'credentialId' from audit_event"
                + " where type = 'oauth_client.federated_credential_removed' and verification_id = ?",
                UUID.fromString(verification)));
        assertProblem(remove(OWNER, path, approval()), 404, "federated_credential_not_found", path);
    }

    @Test
    void aChangeWithoutAnApprovedManageClientsVerificationIsRefused() {
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, UUID.randomUUID().toString())),
                403, "verification_required", credentials);
        String rotate = approved(OWNER, WORKSPACE, phone, "rotate");
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, rotate)), 403,
                "verification_required", credentials);
        String pending = start(OWNER, WORKSPACE, Map.of("action", "manage_clients")).statusCode(201).extract()
                .path("id");
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, pending)), 403,
                "verification_required", credentials);
        list(OWNER).body("items[0].federatedCredentials", hasSize(0));
    }

    @Test
    void aDuplicateIssuerAndSubjectIsAConflictAndTheVerificationIsNotSpent() throws SQLException {
        add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, approval())).statusCode(201);
        String verification = approval();

        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, "api://other", null, verification)), 409,
                "federated_credential_exists", credentials);

        add(OWNER, credentials, body(ISSUER, "another-object-id", null, null, verification)).statusCode(201);
        assertEquals(2L, database.queryValue("select count(*) from federated_credential"));
    }

    @Test
    void theSameIssuerAndSubjectMayBeTrustedByTwoClients() {
        String other = given().auth().oauth2(OWNER).contentType(ContentType.JSON)
                .body(Map.of("name", "Entra ID (staging)", "verificationId", approval())).when().post(CLIENTS).then()
                .statusCode(201).extract().path("clientId");
        add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, approval())).statusCode(201);
        add(OWNER, CLIENTS + "/" + other + "/federated-credentials", body(ISSUER, OBJECT_ID, null, null,
                approval())).statusCode(201);
    }

    @Test
    void aClientHasAtMostTwentyFederatedCredentials() throws SQLException {
        for (int i = 1; i < FederatedCredentialService.MAX_PER_CLIENT; i++) {
            database.execute("insert into federated_credential (id, client_id, issuer, subject, created_at,"
                    + " created_by) values (gen_random_uuid(), ?, ?, ?, now(), 'olivia')", UUID.fromString(clientId),
                    ISSUER, "subject-" + i);
        }
        add(OWNER, credentials, body(ISSUER, "the-twentieth", null, null, approval())).statusCode(201);
        assertProblem(add(OWNER, credentials, body(ISSUER, "one-too-many", null, null, approval())), 409,
                "too_many_federated_credentials", credentials);
        assertEquals((long) FederatedCredentialService.MAX_PER_CLIENT,
                database.queryValue("select count(*) from federated_credential"));
    }

    @Test
    void deletingTheClientDeletesItsFederatedCredentials() throws SQLException {
        add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, approval())).statusCode(201);
        remove(OWNER, CLIENTS + "/" + clientId, approval()).statusCode(204);
        assertEquals(0L, database.queryValue("select count(*) from federated_credential"));
    }

    @Test
    void anotherWorkspacesClientAndCredentialAreNotFoundAndTheApprovalIsNotSpent() throws SQLException {
        String otherOwner = TestTokens.jwt("olivia", "globex", "owner");
        String otherClients = "/api/v1/workspaces/globex/scim-clients";
        String otherClient = given().auth().oauth2(otherOwner).contentType(ContentType.JSON)
                .body(Map.of("name", "Okta", "verificationId", approved(otherOwner, "globex", phone,
                        "manage_clients"))).when().post(otherClients).then().statusCode(201).extract()
                .path("clientId");
        String otherCredential = add(otherOwner, otherClients + "/" + otherClient + "/federated-credentials",
                body(ISSUER, OBJECT_ID, null, null, approved(otherOwner, "globex", phone, "manage_clients")))
                .statusCode(201).extract().path("credentialId");
        String path = CLIENTS + "/" + otherClient + "/federated-credentials";
        String verification = approval();

        assertProblem(add(OWNER, path, body(ISSUER, OBJECT_ID, null, null, verification)), 404, "client_not_found",
                path);
        assertProblem(remove(OWNER, path + "/" + otherCredential, verification), 404, "client_not_found",
                path + "/" + otherCredential);
        // Another client's credential under this workspace's own client: not this client's.
        String ownPath = credentials + "/" + otherCredential;
        assertProblem(remove(OWNER, ownPath, verification), 404, "federated_credential_not_found", ownPath);

        assertEquals(1L, database.queryValue("select count(*) from federated_credential"));
        add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, verification)).statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = { "super_admin", "admin", "user" })
    void onlyAnOwnerMayChangeFederatedCredentials(String role) {
        String jwt = TestTokens.jwt("sam", WORKSPACE, role);
        String verification = UUID.randomUUID().toString();
        String path = credentials + "/" + UUID.randomUUID();

        assertProblem(add(jwt, credentials, body(ISSUER, OBJECT_ID, null, null, verification)), 403,
                "role_not_allowed", credentials);
        assertProblem(remove(jwt, path, verification), 403, "role_not_allowed", path);
    }

    @Test
    void noTokenIsUnauthorized() {
        assertProblem(given().contentType(ContentType.JSON).body(body(ISSUER, OBJECT_ID, null, null,
                UUID.randomUUID().toString())).when().post(credentials).then(), 401, "unauthorized", credentials);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://login.microsoftonline.com/t/v2.0", "ftp://127.0.0.1/x", "login.example.com",
            "https:///no-host", "https://user:pw@login.example.com/t", "https://login.example.com/t#f",
            "https://login.example.com/t?tenant=1", "http://localhost.example.com/t", "http://10.0.0.1/t",
            "not a url" })
    void anIssuerThatIsNotHttpsIsAValidationProblem(String issuer) {
        assertProblem(add(OWNER, credentials, body(issuer, OBJECT_ID, null, null, UUID.randomUUID().toString())),
                400, "validation_failed", credentials).body("errors[0].field", equalTo("issuer"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8443/tenant/v2.0", "http://localhost/t", "http://[::1]:9/t" })
    void testsAcceptHttpIssuersOnLoopback(String issuer) {
        add(OWNER, credentials, body(issuer, OBJECT_ID, null, issuer + "/keys", approval())).statusCode(201)
                .body("issuer", equalTo(issuer));
    }

    @Test
    void badFieldsAreValidationProblems() {
        String any = UUID.randomUUID().toString();
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, "http://keys.example.com/k", any)), 400,
                "validation_failed", credentials).body("errors[0].field", equalTo("jwksUri"));
        assertProblem(add(OWNER, credentials, body("https://e.com/" + "x".repeat(500), OBJECT_ID, null, null, any)),
                400, "validation_failed", credentials).body("errors[0].field", equalTo("issuer"));
        assertProblem(add(OWNER, credentials, body(ISSUER, "s".repeat(257), null, null, any)), 400,
                "validation_failed", credentials).body("errors[0].field", equalTo("subject"));
        assertProblem(add(OWNER, credentials, body(ISSUER, " " + OBJECT_ID, null, null, any)), 400,
                "validation_failed", credentials).body("errors[0].field", equalTo("subject"));
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, "a".repeat(513), null, any)), 400,
                "validation_failed", credentials).body("errors[0].field", equalTo("audience"));
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, "  ", null, any)), 400,
                "validation_failed", credentials).body("errors[0].field", equalTo("audience"));
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, "https://e.com/" + "k".repeat(500),
                any)), 400, "validation_failed", credentials).body("errors[0].field", equalTo("jwksUri"));
        assertProblem(add(OWNER, credentials, body(ISSUER, OBJECT_ID, null, null, "not-a-uuid")), 400,
                "validation_failed", credentials).body("errors[0].field", equalTo("verificationId"));
        Map<String, Object> noSubject = body(ISSUER, OBJECT_ID, null, null, any);
        noSubject.remove("subject");
        assertProblem(add(OWNER, credentials, noSubject), 400, "validation_failed", credentials)
                .body("errors[0].field", equalTo("subject"));
        String badClient = CLIENTS + "/not-a-uuid/federated-credentials";
        assertProblem(add(OWNER, badClient, body(ISSUER, OBJECT_ID, null, null, any)), 400, "validation_failed",
                badClient);
        String path = credentials + "/" + UUID.randomUUID();
        assertProblem(given().auth().oauth2(OWNER).when().delete(path).then(), 400, "validation_failed", path)
                .body("errors[0].field", equalTo("verificationId"));
        assertEquals(0L, countCredentials());
    }

    private long countCredentials() {
        try {
            return (Long) database.queryValue("select count(*) from federated_credential");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
