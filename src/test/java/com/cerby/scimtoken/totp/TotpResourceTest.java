package com.cerby.scimtoken.totp;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static com.cerby.scimtoken.support.TestAuthenticator.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TotpResourceTest extends DatabaseTest {

    private static final String CONFIRM = "/api/v1/me/totp/confirm";
    private static final String REMOVE = "/api/v1/me/totp/remove";
    private static final String ALICE = TestTokens.jwt("alice", "acme", "admin");

    @Test
    void enrollmentAnswersA160BitSeedAndAnOtpauthUri() throws SQLException {
        String secret = TestAuthenticator.enroll(ALICE)
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("secret", matchesPattern("[A-Z2-7]{32}"))
                .body("otpauthUri", matchesPattern("otpauth://totp/SCIM%20Token%20Service:alice%40example\\.test"
                        + "\\?secret=[A-Z2-7]{32}&issuer=SCIM%20Token%20Service&algorithm=SHA1&digits=6&period=30"))
                .body("algorithm", equalTo("SHA1"))
                .body("digits", equalTo(6))
                .body("periodSeconds", equalTo(30))
                .body("qrCode", matchesPattern("data:image/svg\\+xml;base64,[A-Za-z0-9+/]+=*"))
                .extract().path("secret");

        assertEquals(20, new Base32().decode(secret).length);
        assertFalse(database.dumpAllTables().contains(secret), "the seed is stored in plaintext");
    }

    @Test
    void aCodeConfirmsTheAuthenticatorWhichThenCannotBeEnrolledAgain() throws SQLException {
        TestAuthenticator authenticator = TestAuthenticator.withSecret(
                TestAuthenticator.enroll(ALICE).statusCode(201).extract().path("secret"), clock);

        send(ALICE, CONFIRM, authenticator.code()).statusCode(200).body("confirmedAt", notNullValue());

        assertProblem(TestAuthenticator.enroll(ALICE), 409, "totp_already_enrolled", "/api/v1/me/totp");
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'totp.enrolled'"));
    }

    @Test
    void anUnconfirmedEnrollmentIsReplacedByTheNextOne() {
        String first = TestAuthenticator.enroll(ALICE).statusCode(201).extract().path("secret");
        TestAuthenticator second = TestAuthenticator.withSecret(
                TestAuthenticator.enroll(ALICE).statusCode(201).extract().path("secret"), clock);

        assertProblem(send(ALICE, CONFIRM, TestAuthenticator.withSecret(first, clock).code()), 400, "invalid_code",
                CONFIRM);
        send(ALICE, CONFIRM, second.code()).statusCode(200);
    }

    @Test
    void codesOfTheNeighbouringStepsAreAccepted() {
        TestAuthenticator authenticator = TestAuthenticator.withSecret(
                TestAuthenticator.enroll(ALICE).statusCode(201).extract().path("secret"), clock);

        send(ALICE, CONFIRM, authenticator.codeAt(Duration.ofSeconds(-30))).statusCode(200);
    }

    @Test
    void codesTwoStepsAwayAreRefused() {
        TestAuthenticator authenticator = TestAuthenticator.withSecret(
                TestAuthenticator.enroll(ALICE).statusCode(201).extract().path("secret"), clock);

        assertProblem(send(ALICE, CONFIRM, authenticator.codeAt(Duration.ofSeconds(61))), 400, "invalid_code", CONFIRM);
        assertProblem(send(ALICE, CONFIRM, authenticator.codeAt(Duration.ofSeconds(-61))), 400, "invalid_code", CONFIRM);
    }

    @Test
    void confirmingWithoutEnrollmentIsNotEnrolled() {
        assertProblem(send(ALICE, CONFIRM, "123456"), 409, "method_not_enrolled", CONFIRM);
    }

    @Test
    void removalSpendsAManageFactorsVerification() throws SQLException {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        assertProblem(TestAuthenticator.remove(ALICE, null), 403, "step_up_required", REMOVE);
        String approval = authenticator.approved(ALICE, "acme", "manage_factors");

        TestAuthenticator.remove(ALICE, approval).statusCode(204);

        assertProblem(TestAuthenticator.remove(ALICE, approval), 409, "method_not_enrolled", REMOVE);
        TestAuthenticator.enroll(ALICE).statusCode(201);
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'totp.removed'"));
    }

    @Test
    void tenWrongCodesInARowLockTheCodeMethodsForFifteenMinutes() throws SQLException {
        TestAuthenticator authenticator = TestAuthenticator.withSecret(
                TestAuthenticator.enroll(ALICE).statusCode(201).extract().path("secret"), clock);
        for (int i = 0; i < 10; i++) {
            assertProblem(send(ALICE, CONFIRM, authenticator.wrongCode()), 400, "invalid_code", CONFIRM);
        }

        assertProblem(send(ALICE, CONFIRM, authenticator.code()), 429, "too_many_attempts", CONFIRM)
                .header("Retry-After", equalTo("900"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'user.codes_locked'"));
        assertEquals(10L, database.queryValue("select count(*) from audit_event where type = 'totp.code_failed'"));
        clock.advance(Duration.ofMinutes(15));
        assertProblem(send(ALICE, CONFIRM, authenticator.code()), 409, "enrollment_expired", CONFIRM);
        String signedInAgain = TestTokens.jwtWith(claims -> claims.claim("auth_time",
                clock.instant().getEpochSecond()), "alice", "acme", "owner");
        TestAuthenticator.confirmedFor(signedInAgain, clock);
    }

    @Test
    void aRightCodeResetsTheCountOfWrongOnes() {
        TestAuthenticator authenticator = TestAuthenticator.withSecret(
                TestAuthenticator.enroll(ALICE).statusCode(201).extract().path("secret"), clock);
        for (int i = 0; i < 9; i++) {
            send(ALICE, CONFIRM, authenticator.wrongCode()).statusCode(400);
        }
        send(ALICE, CONFIRM, authenticator.code()).statusCode(200);

        clock.advance(Duration.ofSeconds(30));
        String failed = codePath(Flows.start(ALICE, "acme", Map.of("method", "totp")).statusCode(201).extract().path("id"));
        String approved = codePath(Flows.start(ALICE, "acme", Map.of("method", "totp")).statusCode(201).extract().path("id"));
        for (int i = 0; i < 5; i++) {
            send(ALICE, failed, authenticator.wrongCode()).statusCode(400);
        }
        for (int i = 0; i < 4; i++) {
            send(ALICE, approved, authenticator.wrongCode()).statusCode(400);
        }
        send(ALICE, approved, authenticator.code()).statusCode(200);
    }

    private static String codePath(String verificationId) {
        return Flows.verificationsPath("acme") + "/" + verificationId + "/code";
    }

    @Test
    void totpNeedsAuthentication() {
        assertProblem(TestAuthenticator.enroll("garbage"), 401, "unauthorized", "/api/v1/me/totp");
    }
}
