package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.approvedFactorChange;
import static com.cerby.scimtoken.support.Flows.reveal;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The review's attacker holds Alice's web-session JWT (a stolen cookie, an XSS, a shared laptop) but not her
 * phone: adding or removing a factor needs proof beyond the JWT, so the JWT alone never reaches the token.
 */
@QuarkusTest
class FactorChangeTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String DEVICES = "/api/v1/me/devices";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    private TestPhone alicesPhone;

    @BeforeEach
    void aliceHasAPhone() {
        alicesPhone = TestPhone.enrolledFor(ALICE);
    }

    private long refusals(String code) throws SQLException {
        return (Long) database.queryValue("select count(*) from audit_event where type = 'factor.change_refused'"
                + " and actor_id = 'alice' and details->>'code' = ?", code);
    }

    private static ValidatableResponse removeDevice(String jwt, String deviceId, String verificationId) {
        var request = given().auth().oauth2(jwt);
        if (verificationId != null) {
            request.queryParam("verificationId", verificationId);
        }
        return request.when().delete(DEVICES + "/" + deviceId).then();
    }

    @Test
    void aStolenSessionCannotEnrollItsOwnPhoneAndRevealTheToken() throws SQLException {
        TestPhone attackersPhone = new TestPhone();

        assertProblem(attackersPhone.enroll(ALICE), 403, "step_up_required", DEVICES);

        assertEquals(1L, database.queryValue("select count(*) from device where user_id = 'alice'"));
        Flows.Started started = Flows.startPush(ALICE, WORKSPACE);
        assertProblem(attackersPhone.enrolledAs(UUID.randomUUID().toString())
                .approve(ALICE, started.id(), started.number()), 403, "invalid_assertion",
                "/api/v1/me/verifications/" + started.id() + "/decision");
        assertProblem(reveal(ALICE, WORKSPACE, started.id()), 403, "verification_required",
                "/api/v1/workspaces/acme/scim-token/reveal");
        assertEquals(1L, refusals("step_up_required"));
    }

    @Test
    void aStolenSessionCannotAddATotpAuthenticator() throws SQLException {
        assertProblem(TestAuthenticator.enroll(ALICE), 403, "step_up_required", "/api/v1/me/totp");

        assertEquals(0L, database.queryValue("select count(*) from totp_factor"));
        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "totp")), 409, "method_not_enrolled",
                Flows.verificationsPath(WORKSPACE));
    }

    @Test
    void aStolenSessionCannotRemoveTheUsersPhone() throws SQLException {
        assertProblem(removeDevice(ALICE, alicesPhone.deviceId(), null), 403, "step_up_required",
                DEVICES + "/" + alicesPhone.deviceId());

        assertEquals(1L, database.queryValue("select count(*) from device where user_id = 'alice'"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'factor.change_refused'"
                + " and details->>'change' = 'remove_device'"));
    }

    @Test
    void aFurtherPhoneSpendsAnApprovedManageFactorsVerificationOnce() throws SQLException {
        String approval = approvedFactorChange(ALICE, WORKSPACE, alicesPhone);

        TestPhone secondPhone = TestPhone.enrolledFor(ALICE, approval);

        assertProblem(new TestPhone().enroll(ALICE, approval), 409, "verification_already_used", DEVICES);
        assertEquals(2L, database.queryValue("select count(*) from device where user_id = 'alice'"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'device.enrolled'"
                + " and device_id = ? and details->>'factorId' = ?", UUID.fromString(secondPhone.deviceId()),
                secondPhone.deviceId()));
        assertEquals(1L, refusals("verification_already_used"));
    }

    @Test
    void aPhoneIsRemovedWithAnApprovalOfAnotherFactor() throws SQLException {
        TestPhone secondPhone = TestPhone.enrolledFor(ALICE, approvedFactorChange(ALICE, WORKSPACE, alicesPhone));

        removeDevice(ALICE, alicesPhone.deviceId(), approvedFactorChange(ALICE, WORKSPACE, secondPhone))
                .statusCode(204);

        assertEquals(1L, database.queryValue("select count(*) from device where user_id = 'alice'"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'device.removed'"
                + " and device_id = ?", UUID.fromString(alicesPhone.deviceId())));
    }

    @Test
    void onlyAnApprovedFreshUnspentManageFactorsVerificationOfTheCallerCounts() {
        String pending = start(ALICE, WORKSPACE, Map.of("action", "manage_factors")).statusCode(201).extract()
                .path("id");
        assertProblem(new TestPhone().enroll(ALICE, pending), 403, "verification_required", DEVICES);

        String forReveal = approved(ALICE, WORKSPACE, alicesPhone, "reveal");
        assertProblem(new TestPhone().enroll(ALICE, forReveal), 403, "verification_required", DEVICES);

        String bob = TestTokens.jwt("bob", WORKSPACE, "owner");
        String bobsApproval = approvedFactorChange(bob, WORKSPACE, TestPhone.enrolledFor(bob));
        assertProblem(new TestPhone().enroll(ALICE, bobsApproval), 403, "verification_required", DEVICES);

        String stale = approvedFactorChange(ALICE, WORKSPACE, alicesPhone);
        clock.advance(Duration.ofSeconds(301));
        assertProblem(new TestPhone().enroll(ALICE, stale), 403, "verification_required", DEVICES);
    }

    @Test
    void factorChangesNeedAWorkspaceRoleAllowedToStepUp() {
        String guest = TestTokens.jwt("alice", WORKSPACE, "guest_user");

        assertProblem(start(guest, WORKSPACE, Map.of("action", "manage_factors")), 403, "role_not_allowed",
                Flows.verificationsPath(WORKSPACE));
        assertProblem(new TestPhone().enroll(guest), 403, "step_up_required", DEVICES);
    }

    @Test
    void aTotpAuthenticatorIsAddedAndRemovedWithApprovals() throws SQLException {
        String secret = given().auth().oauth2(ALICE).contentType("application/json")
                .body(Map.of("verificationId", approvedFactorChange(ALICE, WORKSPACE, alicesPhone)))
                .when().post("/api/v1/me/totp").then().statusCode(201).extract().path("secret");
        TestAuthenticator authenticator = TestAuthenticator.withSecret(secret, clock);
        TestAuthenticator.send(ALICE, "/api/v1/me/totp/confirm", authenticator.code()).statusCode(200);
        clock.advance(Duration.ofSeconds(30));

        TestAuthenticator.remove(ALICE, authenticator.approved(ALICE, WORKSPACE, "manage_factors")).statusCode(204);

        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'totp.enrolled'"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'totp.removed'"));
        assertEquals(0L, database.queryValue("select count(*) from totp_factor"));
    }

    @Test
    void approvalsNameTheFactorThatApprovedAndWhenItWasEnrolled() throws SQLException {
        String id = approved(ALICE, WORKSPACE, alicesPhone, "reveal");

        Object enrolledAt = database.queryValue("select created_at from device where id = ?",
                UUID.fromString(alicesPhone.deviceId()));
        given().auth().oauth2(ALICE).when().get("/api/v1/workspaces/acme/audit-events?type=verification.approved")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].verificationId", equalTo(id))
                .body("items[0].details.factorType", equalTo("device"))
                .body("items[0].details.factorId", equalTo(alicesPhone.deviceId()))
                .body("items[0].details.factorEnrolledAt",
                        equalTo(((java.sql.Timestamp) enrolledAt).toInstant().toString()));
    }

    @Test
    void theSecurityFeedListsTheCallersFactorChangesInEveryWorkspace() {
        String aliceElsewhere = TestTokens.jwt("alice", "other", "guest_user");
        new TestPhone().enroll(aliceElsewhere).statusCode(403);
        TestPhone.enrolledFor(TestTokens.jwt("bob", WORKSPACE, "owner"));

        for (String jwt : new String[] { ALICE, aliceElsewhere }) {
            given().auth().oauth2(jwt).when().get("/api/v1/me/security-events").then().statusCode(200)
                    .body("items.type", contains("device.enrolled"))
                    .body("items.actorId", contains("alice"))
                    .body("nextCursor", equalTo(null));
            given().auth().oauth2(jwt).when().get("/api/v1/me/security-events?kind=refusals").then().statusCode(200)
                    .body("items.type", contains("factor.change_refused"))
                    .body("items.actorId", contains("alice"))
                    .body("items[0].details.count", equalTo(1))
                    .body("nextCursor", equalTo(null));
        }
    }

    @Test
    void theFirstFactorNeedsARecentSignIn() throws SQLException {
        String bobLongAgo = TestTokens.signedInAgo(Duration.ofMinutes(11), "bob", WORKSPACE, "owner");
        String bobWithoutAuthTime = TestTokens.jwtWith(claims -> claims.remove("auth_time"), "bob", WORKSPACE,
                "owner");

        assertProblem(new TestPhone().enroll(bobLongAgo), 403, "login_too_old", DEVICES);
        assertProblem(new TestPhone().enroll(bobWithoutAuthTime), 403, "login_too_old", DEVICES);
        assertProblem(TestAuthenticator.enroll(bobLongAgo), 403, "login_too_old", "/api/v1/me/totp");

        new TestPhone().enroll(TestTokens.signedInAgo(Duration.ofMinutes(9), "bob", WORKSPACE, "owner"))
                .statusCode(201);
        // Refusals of one kind in one minute are one row that counts them.
        assertEquals(3L, ((Number) database.queryValue("select sum((details->>'count')::bigint) from audit_event"
                + " where type = 'factor.change_refused' and actor_id = 'bob' and details->>'code' = 'login_too_old'"))
                .longValue());
    }

    @Test
    void theSecurityFeedNeedsAuthentication() {
        assertProblem(given().when().get("/api/v1/me/security-events").then(), 401, "unauthorized",
                "/api/v1/me/security-events");
    }
}
