package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ScimClientsTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";

    private TestPhone phone;

    @BeforeEach
    void enrollTheOwnersPhone() {
        phone = TestPhone.enrolledFor(OWNER);
    }

    private String approval() {
        return approved(OWNER, WORKSPACE, phone, "manage_clients");
    }

    /** An approval signed by the phone at the service's (moved) clock. */
    private String approvalAtTheClocksTime() {
        var started = start(OWNER, WORKSPACE, Map.of("action", "manage_clients")).statusCode(201).extract();
        String id = started.path("id");
        TestPhone.decide(OWNER, id, phone.assertion(id, "approve", started.path("numberChallenge"), clock.instant()))
                .statusCode(200);
        return id;
    }

    private static ValidatableResponse create(String jwt, String path, String name, String verificationId) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON)
                .body(Map.of("name", name, "verificationId", verificationId)).when().post(path).then();
    }

    private String createdClient() {
        return create(OWNER, CLIENTS, "Entra ID", approval()).statusCode(201).extract().path("clientId");
    }

    private static ValidatableResponse addSecret(String jwt, String clientPath, String verificationId,
            Integer expiresInDays) {
        Map<String, Object> body = new HashMap<>(Map.of("verificationId", verificationId));
        if (expiresInDays != null) {
            body.put("expiresInDays", expiresInDays);
        }
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body).when()
                .post(clientPath + "/secrets").then();
    }

    private static ValidatableResponse delete(String jwt, String path, String verificationId) {
        return given().auth().oauth2(jwt).queryParam("verificationId", verificationId).when().delete(path).then();
    }

    private static ValidatableResponse list(String jwt) {
        return given().auth().oauth2(jwt).when().get(CLIENTS).then();
    }

    @Test
    void anOwnerCreatesAClientThatAdminsSeeAndTheCreationIsAudited() throws SQLException {
        String verification = approval();
        var created = create(OWNER, CLIENTS, "  Entra ID  ", verification).statusCode(201)
                .body("name", equalTo("Entra ID")).body("createdBy", equalTo("olivia"))
                .body("secrets", hasSize(0)).extract();
        String clientId = created.path("clientId");

        assertTrue(created.header("Location").endsWith(CLIENTS + "/" + clientId), created.header("Location"));
        for (String role : new String[] { "owner", "super_admin", "admin" }) {
            list(TestTokens.jwt("sam", WORKSPACE, role)).statusCode(200).body("items", hasSize(1))
                    .body("items[0].clientId", equalTo(clientId)).body("items[0].name", equalTo("Entra ID"))
                    .body("items[0].createdAt", equalTo(created.path("createdAt")));
        }
        assertEquals(clientId, database.queryValue("select details->>'clientId' from audit_event"
                + " where type = 'oauth_client.created' and verification_id = ?", UUID.fromString(verification)));
        assertProblem(create(OWNER, CLIENTS, "Again", verification), 409, "verification_already_used", CLIENTS);
    }

    @Test
    void theListNamesTheTokenUrlAndWithoutTheSettingNoScimUrl() {
        String issuer = given().when().get("/.well-known/oauth-authorization-server").then().statusCode(200)
                .extract().path("issuer");
        String tokenEndpoint = given().when().get("/.well-known/oauth-authorization-server").then()
                .extract().path("token_endpoint");

        var page = list(TestTokens.jwt("sam", WORKSPACE, "admin")).statusCode(200).extract();
        assertEquals(issuer + "/oauth2/token", page.path("tokenUrl"));
        assertEquals(tokenEndpoint, page.path("tokenUrl"));
        assertFalse(page.body().asString().contains("scimUrl"), "scim-token.oauth.scim-url is unset: "
                + page.body().asString());
    }

    @Test
    void aChangeWithoutAnApprovedManageClientsVerificationIsRefusedAndAudited() throws SQLException {
        assertProblem(create(OWNER, CLIENTS, "Entra ID", UUID.randomUUID().toString()), 403,
                "verification_required", CLIENTS);
        String rotate = approved(OWNER, WORKSPACE, phone, "rotate");
        assertProblem(create(OWNER, CLIENTS, "Entra ID", rotate), 403, "verification_required", CLIENTS);
        String pending = start(OWNER, WORKSPACE, Map.of("action", "manage_clients")).statusCode(201).extract()
                .path("id");
        assertProblem(create(OWNER, CLIENTS, "Entra ID", pending), 403, "verification_required", CLIENTS);

        list(OWNER).statusCode(200).body("items", hasSize(0));
        // Refusals of one kind in one minute are one row that counts them.
        assertEquals(3, ((Number) database.queryValue("select (details->>'count')::int from audit_event"
                + " where type = 'oauth_client.change_refused' and details->>'code' = 'verification_required'"))
                .intValue());
    }

    @Test
    void onlyAnOwnerMayStartAManageClientsVerification() {
        for (String role : new String[] { "super_admin", "admin" }) {
            String jwt = TestTokens.jwt("sam", WORKSPACE, role);
            assertProblem(start(jwt, WORKSPACE, Map.of("action", "manage_clients")), 403, "role_not_allowed",
                    "/api/v1/workspaces/" + WORKSPACE + "/scim-token/verifications");
        }
    }

    @Test
    void aSecretIsShownOnceWithItsFormatAndIsStoredOnlyAsItsHash() throws SQLException {
        String clientPath = CLIENTS + "/" + createdClient();
        String verification = approval();
        var added = addSecret(OWNER, clientPath, verification, 365).statusCode(201)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .body("clientSecret", startsWith("scimcs_")).extract();
        String secret = added.path("clientSecret");
        Instant createdAt = Instant.parse(added.path("createdAt"));

        assertTrue(SecretFormat.isWellFormed(secret));
        assertEquals(SecretFormat.LENGTH, secret.length());
        assertEquals("scimcs_…" + secret.substring(secret.length() - 4), added.path("hint"));
        assertEquals(createdAt.plus(Duration.ofDays(365)), Instant.parse(added.path("expiresAt")));
        assertTrue(added.header("Location").endsWith(clientPath + "/secrets/" + added.path("secretId")));
        list(OWNER).body("items[0].secrets", hasSize(1))
                .body("items[0].secrets[0].secretId", equalTo(added.path("secretId")))
                .body("items[0].secrets[0].hint", equalTo(added.path("hint")))
                .body("items[0].secrets[0].clientSecret", nullValue());
        assertEquals(1L, database.queryValue("select count(*) from oauth_client_secret where lookup_hash = ?",
                (Object) Sha256.of(secret)));
        String everything = database.dumpAllTables();
        assertFalse(everything.contains(secret.substring(7, 50)), "the secret is stored or audited in clear");
        assertEquals(added.path("secretId"), database.queryValue("select details->>'secretId' from audit_event"
                + " where type = 'oauth_client.secret_added' and verification_id = ?", UUID.fromString(verification)));
    }

    @Test
    void aSecretWithoutExpiresInDaysNeverExpires() {
        String clientPath = CLIENTS + "/" + createdClient();
        addSecret(OWNER, clientPath, approval(), null).statusCode(201).body("expiresAt", nullValue());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 1096 })
    void expiresInDaysOutside1To1095IsRefused(int days) {
        String clientPath = CLIENTS + "/" + createdClient();
        assertProblem(addSecret(OWNER, clientPath, approval(), days), 400, "validation_failed",
                clientPath + "/secrets").body("errors[0].field", equalTo("expiresInDays"));
    }

    @Test
    void aClientHasAtMostTwoActiveSecretsAndAnExpiredOneMakesRoom() {
        String clientPath = CLIENTS + "/" + createdClient();
        addSecret(OWNER, clientPath, approval(), 1).statusCode(201);
        addSecret(OWNER, clientPath, approval(), null).statusCode(201);

        assertProblem(addSecret(OWNER, clientPath, approval(), 30), 409, "too_many_secrets", clientPath + "/secrets");
        list(OWNER).body("items[0].secrets", hasSize(2));

        clock.advance(Duration.ofDays(1));
        list(OWNER).body("items[0].secrets", hasSize(1));
        addSecret(OWNER, clientPath, approvalAtTheClocksTime(), 30).statusCode(201);
    }

    @Test
    void revokingASecretLeavesTheOtherAndMakesRoomForANewOne() throws SQLException {
        String clientPath = CLIENTS + "/" + createdClient();
        String first = addSecret(OWNER, clientPath, approval(), null).statusCode(201).extract().path("secretId");
        String second = addSecret(OWNER, clientPath, approval(), null).statusCode(201).extract().path("secretId");
        String verification = approval();

        delete(OWNER, clientPath + "/secrets/" + first, verification).statusCode(204);

        list(OWNER).body("items[0].secrets", hasSize(1)).body("items[0].secrets[0].secretId", equalTo(second));
        assertEquals(first, database.queryValue("select details->>'secretId' from audit_event"
                + " where type = 'oauth_client.secret_revoked' and verification_id = ?", UUID.fromString(verification)));
        assertProblem(delete(OWNER, clientPath + "/secrets/" + first, approval()), 404, "secret_not_found",
                clientPath + "/secrets/" + first);
        addSecret(OWNER, clientPath, approval(), null).statusCode(201);
    }

    @Test
    void deletingAClientDeletesItsSecrets() throws SQLException {
        String clientId = createdClient();
        addSecret(OWNER, CLIENTS + "/" + clientId, approval(), null).statusCode(201);
        String verification = approval();

        delete(OWNER, CLIENTS + "/" + clientId, verification).statusCode(204);

        list(OWNER).body("items", hasSize(0));
        assertEquals(0L, database.queryValue("select count(*) from oauth_client_secret"));
        assertEquals(clientId, database.queryValue("select details->>'clientId' from audit_event"
                + " where type = 'oauth_client.deleted' and verification_id = ?", UUID.fromString(verification)));
        assertProblem(delete(OWNER, CLIENTS + "/" + clientId, approval()), 404, "client_not_found",
                CLIENTS + "/" + clientId);
    }

    @Test
    void anotherWorkspacesClientIsNotFoundAndItsApprovalIsNotSpent() throws SQLException {
        String otherOwner = TestTokens.jwt("olivia", "globex", "owner");
        String otherClient = create(otherOwner, "/api/v1/workspaces/globex/scim-clients", "Okta",
                approved(otherOwner, "globex", phone, "manage_clients")).statusCode(201).extract().path("clientId");
        String secretId = addSecret(otherOwner, "/api/v1/workspaces/globex/scim-clients/" + otherClient,
                approved(otherOwner, "globex", phone, "manage_clients"), null).statusCode(201).extract()
                .path("secretId");
        String clientPath = CLIENTS + "/" + otherClient;
        String verification = approval();

        assertProblem(addSecret(OWNER, clientPath, verification, null), 404, "client_not_found",
                clientPath + "/secrets");
        assertProblem(delete(OWNER, clientPath + "/secrets/" + secretId, verification), 404, "client_not_found",
                clientPath + "/secrets/" + secretId);
        assertProblem(delete(OWNER, clientPath, verification), 404, "client_not_found", clientPath);

        assertEquals(1L, database.queryValue("select count(*) from oauth_client_secret"));
        list(OWNER).body("items", hasSize(0));
        create(OWNER, CLIENTS, "Entra ID", verification).statusCode(201);
    }

    @Test
    void aWorkspaceHasAtMostTwentyClients() throws SQLException {
        for (int i = 1; i < ClientService.MAX_CLIENTS; i++) {
            database.execute("insert into oauth_client (id, workspace_id, name, created_at, created_by)"
                    + " values (gen_random_uuid(), ?, ?, now(), 'olivia')", WORKSPACE, "IdP " + i);
        }
        create(OWNER, CLIENTS, "The twentieth", approval()).statusCode(201);
        assertProblem(create(OWNER, CLIENTS, "One too many", approval()), 409, "too_many_clients", CLIENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "super_admin", "admin" })
    void adminsMayListButNotChange(String role) {
        String jwt = TestTokens.jwt("sam", WORKSPACE, role);
        String clientPath = CLIENTS + "/" + createdClient();
        String verification = UUID.randomUUID().toString();
        String secretPath = clientPath + "/secrets/" + UUID.randomUUID();

        assertProblem(create(jwt, CLIENTS, "Entra ID", verification), 403, "role_not_allowed", CLIENTS);
        assertProblem(addSecret(jwt, clientPath, verification, null), 403, "role_not_allowed",
                clientPath + "/secrets");
        assertProblem(delete(jwt, secretPath, verification), 403, "role_not_allowed", secretPath);
        assertProblem(delete(jwt, clientPath, verification), 403, "role_not_allowed", clientPath);
    }

    @Test
    void otherRolesAnotherWorkspaceAndNoTokenAreRefused() {
        assertProblem(list(TestTokens.jwt("ursula", WORKSPACE, "user")), 403, "role_not_allowed", CLIENTS);
        assertProblem(list(TestTokens.jwt("olivia", "globex", "owner")), 403, "workspace_mismatch", CLIENTS);
        assertProblem(given().when().get(CLIENTS).then(), 401, "unauthorized", CLIENTS);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "x", "verificationId",
                UUID.randomUUID().toString())).when().post(CLIENTS).then(), 401, "unauthorized", CLIENTS);
    }

    @Test
    void badInputIsAValidationProblem() {
        assertProblem(create(OWNER, CLIENTS, "   ", UUID.randomUUID().toString()), 400, "validation_failed", CLIENTS)
                .body("errors[0].field", equalTo("name"));
        assertProblem(create(OWNER, CLIENTS, "x".repeat(101), UUID.randomUUID().toString()), 400,
                "validation_failed", CLIENTS).body("errors[0].field", equalTo("name"));
        assertProblem(create(OWNER, CLIENTS, "Entra ID", "not-a-uuid"), 400, "validation_failed", CLIENTS)
                .body("errors[0].field", equalTo("verificationId"));
        String clientPath = CLIENTS + "/" + createdClient();
        assertProblem(given().auth().oauth2(OWNER).when().delete(clientPath).then(), 400, "validation_failed",
                clientPath).body("errors[0].field", equalTo("verificationId"));
        assertProblem(delete(OWNER, CLIENTS + "/not-a-uuid", UUID.randomUUID().toString()), 400,
                "validation_failed", CLIENTS + "/not-a-uuid");
    }
}
