package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.Flows.approvedFactorChange;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPasskey;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alice lost every factor and her recovery codes: an operator (service role {@code factor_admin}) resets her factors,
 * she sees it in her security events, and she starts again with a first factor. Nobody else can reset anyone.
 */
@QuarkusTest
class FactorResetTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");
    private static final String OPERATOR = TestTokens.jwtWithoutEmail("operator-7", "system", "factor_admin");
    private static final String ALICES_FACTORS = "/api/v1/users/alice/factors";

    private static ValidatableResponse reset(String jwt, String path) {
        return (jwt == null ? given() : given().auth().oauth2(jwt)).when().delete(path).then();
    }

    private long count(String table, String userId) throws SQLException {
        return (Long) database.queryValue("select count(*) from " + table + " where user_id = ?", userId);
    }

    /** Alice with every kind of factor and things under way: a pending verification, a passkey registration. */
    private String aliceHasEverything() {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        String secret = given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approvedFactorChange(ALICE, WORKSPACE, phone)))
                .when().post("/api/v1/me/totp").then().statusCode(201).extract().path("secret");
        TestAuthenticator.send(ALICE, "/api/v1/me/totp/confirm", TestAuthenticator.withSecret(secret, clock).code())
                .statusCode(200);
        TestPasskey.registeredFor(ALICE, approvedFactorChange(ALICE, WORKSPACE, phone));
        given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .body(Map.of("verificationId", approvedFactorChange(ALICE, WORKSPACE, phone)))
                .when().post("/api/v1/me/recovery-codes").then().statusCode(201);
        TestPasskey.options(ALICE);
        return Flows.startPush(ALICE, WORKSPACE).id();
    }

    @Test
    void anOperatorRemovesEveryFactorAndTheUserStartsAgainWithAFirstOne() throws SQLException {
        String pending = aliceHasEverything();
        String bob = TestTokens.jwt("bob", WORKSPACE, "owner");
        TestPhone.enrolledFor(bob);

        reset(OPERATOR, ALICES_FACTORS).statusCode(204);

        for (String table : List.of("device", "totp_factor", "passkey", "passkey_challenge", "recovery_code")) {
            assertEquals(0L, count(table, "alice"), table);
        }
        assertEquals(1L, count("device", "bob"));
        Flows.poll(ALICE, WORKSPACE, pending).statusCode(200).body("status", equalTo("cancelled"));
        given().auth().oauth2(ALICE).get("/api/v1/me/factors").then().statusCode(200)
                .body("devices.size()", equalTo(0)).body("totp", equalTo(null))
                .body("passkeys.size()", equalTo(0)).body("recoveryCodes", equalTo(null));

        JsonPath feed = given().auth().oauth2(ALICE).get("/api/v1/me/security-events").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("factor.reset", feed.getString("items[0].type"));
        assertEquals("alice", feed.getString("items[0].actorId"));
        assertEquals("operator-7", feed.getString("items[0].details.operatorId"));
        assertEquals(4, feed.getInt("items[0].details.factorsRemoved"));

        // A fresh sign-in enrolls a first factor again, without any verification.
        TestPhone.enrolledFor(TestTokens.jwt("alice", WORKSPACE, "owner"));
        assertEquals(1L, count("device", "alice"));
    }

    @Test
    void anApprovalNotSpentBeforeTheResetAllowsNothingAfterIt() throws SQLException {
        TestPhone lostPhone = TestPhone.enrolledFor(ALICE);
        String approvedByTheLostPhone = approvedFactorChange(ALICE, WORKSPACE, lostPhone);
        String revealApproved = Flows.approved(ALICE, WORKSPACE, lostPhone, "reveal");

        reset(OPERATOR, ALICES_FACTORS).statusCode(204);

        assertProblem(new TestPhone().enroll(ALICE, approvedByTheLostPhone), 409, "verification_already_used",
                "/api/v1/me/devices");
        assertProblem(Flows.reveal(ALICE, WORKSPACE, revealApproved), 409, "verification_already_used",
                "/api/v1/workspaces/acme/scim-token/reveal");
        assertEquals(0L, count("device", "alice"));
    }

    @Test
    void aUserWithNothingIsResetAllTheSame() throws SQLException {
        reset(OPERATOR, "/api/v1/users/nobody.yet/factors").statusCode(204);

        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'factor.reset'"
                + " and actor_id = 'nobody.yet' and details->>'operatorId' = 'operator-7'"));
    }

    @Test
    void onlyTheFactorAdminRoleResets() throws SQLException {
        TestPhone.enrolledFor(ALICE);

        assertProblem(reset(ALICE, ALICES_FACTORS), 403, "role_not_allowed", ALICES_FACTORS);
        assertProblem(reset(TestTokens.jwt("olivia", WORKSPACE, "owner", "super_admin", "admin"), ALICES_FACTORS),
                403, "role_not_allowed", ALICES_FACTORS);
        assertProblem(reset(TestTokens.jwt("scim-server", "system", "token_introspector"), ALICES_FACTORS), 403,
                "role_not_allowed", ALICES_FACTORS);
        assertProblem(reset(null, ALICES_FACTORS), 401, "unauthorized", ALICES_FACTORS);

        assertEquals(1L, count("device", "alice"));
        assertEquals(0L, database.queryValue("select count(*) from audit_event where type = 'factor.reset'"));
    }

    @Test
    void aUserIdThatIsNoIdIsABadRequest() {
        String tooLong = "/api/v1/users/" + "a".repeat(65) + "/factors";
        assertProblem(reset(OPERATOR, tooLong), 400, "validation_failed", tooLong);
        assertProblem(reset(OPERATOR, "/api/v1/users/al ice/factors"), 400, "validation_failed",
                "/api/v1/users/al%20ice/factors");
    }

    @Test
    void theResetIsNotInAnotherUsersFeed() {
        reset(OPERATOR, ALICES_FACTORS).statusCode(204);

        given().auth().oauth2(TestTokens.jwt("bob", WORKSPACE, "owner")).get("/api/v1/me/security-events").then()
                .statusCode(200).body("items.size()", equalTo(0));
    }
}
