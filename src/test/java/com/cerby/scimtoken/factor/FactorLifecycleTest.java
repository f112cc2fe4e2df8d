package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.Flows.approvedFactorChange;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edges of a factor's life: the factor rule holds when a change takes effect, against the user's factors at that
 * moment, and an unfinished enrollment gives no right later. The review's attacker holds Alice's web-session JWT.
 */
@QuarkusTest
class FactorLifecycleTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String TOTP = "/api/v1/me/totp";
    private static final String CONFIRM = TOTP + "/confirm";
    private static final String DEVICES = "/api/v1/me/devices";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    @Inject
    PendingEnrollmentSweeper sweeper;

    private TestAuthenticator startTotp(String jwt, String verificationId) {
        var request = given().auth().oauth2(jwt);
        if (verificationId != null) {
            request.contentType(ContentType.JSON).body(Map.of("verificationId", verificationId));
        }
        String secret = request.when().post(TOTP).then().statusCode(201).extract().path("secret");
        return TestAuthenticator.withSecret(secret, clock);
    }

    private static ValidatableResponse confirm(String jwt, String code, String verificationId) {
        Map<String, String> body = new HashMap<>(Map.of("code", code));
        if (verificationId != null) {
            body.put("verificationId", verificationId);
        }
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body).when().post(CONFIRM).then();
    }

    private long count(String sql) throws SQLException {
        return (Long) database.queryValue(sql);
    }

    @Test
    void aTotpPlantedBeforeTheVictimsFirstFactorCannotBeConfirmedAfterIt() throws SQLException {
        TestAuthenticator planted = startTotp(ALICE, null);
        TestPhone alicesPhone = TestPhone.enrolledFor(ALICE);

        assertProblem(confirm(ALICE, planted.code(), null), 403, "step_up_required", CONFIRM);

        assertEquals(0L, count("select count(*) from totp_factor where confirmed_at is not null"));
        assertEquals(0L, count("select count(*) from audit_event where type = 'totp.enrolled'"));
        clock.advance(Duration.ofDays(2));
        assertProblem(confirm(ALICE, planted.code(), null), 409, "enrollment_expired", CONFIRM);
        assertEquals(1, sweeper.sweep());
        assertEquals(0L, count("select count(*) from totp_factor"));
        assertProblem(TestAuthenticator.enroll(ALICE), 403, "step_up_required", TOTP);
        assertEquals(1L, count("select count(*) from device where user_id = 'alice' and id = '"
                + alicesPhone.deviceId() + "'"));
    }

    @Test
    void anUnfinishedEnrollmentDiesAfterThePendingTtlAndIsSwept() throws SQLException {
        TestAuthenticator late = startTotp(ALICE, null);
        given().auth().oauth2(TestTokens.jwt("bob", WORKSPACE, "owner")).contentType(ContentType.JSON).body("{}")
                .when().post(TOTP).then().statusCode(201);
        clock.advance(Duration.ofMinutes(9));
        assertEquals(0, sweeper.sweep());

        clock.advance(Duration.ofMinutes(1));

        assertProblem(confirm(ALICE, late.code(), null), 409, "enrollment_expired", CONFIRM);
        assertEquals(2, sweeper.sweep());
        assertEquals(0L, count("select count(*) from totp_factor"));
        assertProblem(confirm(ALICE, late.code(), null), 409, "method_not_enrolled", CONFIRM);
    }

    @Test
    void aFirstFactorIsConfirmedOnlyWhileTheLoginIsStillRecent() throws SQLException {
        String aliceNineMinutesIn = TestTokens.signedInAgo(Duration.ofMinutes(9), "alice", WORKSPACE, "owner");
        TestAuthenticator authenticator = startTotp(aliceNineMinutesIn, null);
        clock.advance(Duration.ofMinutes(2));

        assertProblem(confirm(aliceNineMinutesIn, authenticator.code(), null), 403, "login_too_old", CONFIRM);

        assertEquals(0L, count("select count(*) from totp_factor where confirmed_at is not null"));
        confirm(ALICE, authenticator.code(), null).statusCode(200).body("confirmedAt", notNullValue());
    }

    @Test
    void theApprovalGivenAtTheStartIsKeptAndSpentOnce() throws SQLException {
        TestPhone alicesPhone = TestPhone.enrolledFor(ALICE);
        String approval = approvedFactorChange(ALICE, WORKSPACE, alicesPhone);
        TestAuthenticator authenticator = startTotp(ALICE, approval);

        confirm(ALICE, authenticator.code(), null).statusCode(200);

        assertProblem(new TestPhone().enroll(ALICE, approval), 409, "verification_already_used", DEVICES);
        assertEquals(1L, count("select count(*) from totp_factor where confirmed_at is not null"));
        assertEquals(1L, count("select count(*) from audit_event where type = 'totp.enrolled'"));
    }

    @Test
    void aFirstFactorEnrollmentOvertakenByAnotherFactorIsConfirmedWithANewApproval() throws SQLException {
        TestAuthenticator authenticator = startTotp(ALICE, null);
        TestPhone alicesPhone = TestPhone.enrolledFor(ALICE);

        confirm(ALICE, authenticator.code(), approvedFactorChange(ALICE, WORKSPACE, alicesPhone)).statusCode(200);

        assertEquals(1L, count("select count(*) from totp_factor where confirmed_at is not null"));
    }

    @Test
    void aWrongCodeAtConfirmationLeavesTheApprovalUnspent() throws SQLException {
        TestAuthenticator authenticator = startTotp(ALICE, null);
        TestPhone alicesPhone = TestPhone.enrolledFor(ALICE);
        String approval = approvedFactorChange(ALICE, WORKSPACE, alicesPhone);

        assertProblem(confirm(ALICE, authenticator.wrongCode(), approval), 400, "invalid_code", CONFIRM);

        confirm(ALICE, authenticator.code(), approval).statusCode(200);
        assertEquals(1L, count("select count(*) from totp_factor where confirmed_at is not null"));
    }

    @Test
    void aManageFactorsApprovalBelongsToTheUserWhateverTheSessionsWorkspace() throws SQLException {
        TestPhone alicesPhone = TestPhone.enrolledFor(ALICE);
        String alicesPhoneSession = TestTokens.jwtWith(claims -> claims.remove("workspace_id"), "alice",
                WORKSPACE);
        String bob = TestTokens.jwt("bob", WORKSPACE, "owner");
        TestPhone.enrolledFor(bob);

        assertProblem(new TestPhone().enroll(bob, approvedFactorChange(ALICE, WORKSPACE, alicesPhone)), 403,
                "verification_required", DEVICES);
        TestPhone.enrolledFor(alicesPhoneSession, approvedFactorChange(ALICE, WORKSPACE, alicesPhone));

        assertEquals(2L, count("select count(*) from device where user_id = 'alice'"));
        assertEquals(1L, count("select count(*) from device where user_id = 'bob'"));
    }

    @Test
    void aLoginInTheFutureBeyondTheClockSkewIsNotRecent() throws SQLException {
        String fromTheFuture = TestTokens.jwtWith(claims -> claims.claim("auth_time",
                clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond()), "alice", WORKSPACE, "owner");
        String slightlyAhead = TestTokens.jwtWith(claims -> claims.claim("auth_time",
                clock.instant().plus(Duration.ofSeconds(50)).getEpochSecond()), "alice", WORKSPACE, "owner");

        assertProblem(new TestPhone().enroll(fromTheFuture), 403, "login_too_old", DEVICES);
        assertProblem(TestAuthenticator.enroll(fromTheFuture), 403, "login_too_old", TOTP);

        TestPhone.enrolledFor(slightlyAhead);
        assertEquals(1L, count("select count(*) from device where user_id = 'alice'"));
    }
}
