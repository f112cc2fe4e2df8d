package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.poll;
import static com.cerby.scimtoken.support.Flows.reveal;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static com.cerby.scimtoken.support.TestAuthenticator.send;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TOTP verifications, completed with a code on the web page (email ones: {@link EmailVerificationTest}). The class
 * runs in an application of its own, started fresh with the SMTP server: after the long shared run, the mailer's
 * first connection to GreenMail was seen to get no answer (the request then fails with 503 after 15 s, as designed).
 */
@QuarkusTest
@TestProfile(CodeVerificationTest.OwnApplication.class)
class CodeVerificationTest extends DatabaseTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    GreenMail smtp;

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    private static String codePath(String verificationId) {
        return verificationsPath(WORKSPACE) + "/" + verificationId + "/code";
    }

    private static String startWith(String method) {
        return start(ALICE, WORKSPACE, Map.of("method", method)).statusCode(201)
                .body("method", equalTo(method))
                .body("numberChallenge", nullValue())
                .body("attemptsRemaining", equalTo(5))
                .extract().path("id");
    }

    @Test
    void aTotpCodeApprovesAndTheApprovalRevealsTheToken() throws SQLException {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        String id = startWith("totp");

        send(ALICE, codePath(id), authenticator.code()).statusCode(200)
                .body("status", equalTo("approved"))
                .body("id", equalTo(id));
        reveal(ALICE, WORKSPACE, id).statusCode(200);
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.approved'"
                + " and details->>'method' = 'totp'"));
    }

    @Test
    void aTotpStepCannotApproveTwice() {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        String first = startWith("totp");
        String code = authenticator.code();
        send(ALICE, codePath(first), code).statusCode(200);

        String second = startWith("totp");
        assertProblem(send(ALICE, codePath(second), code), 400, "code_already_used", codePath(second));
        poll(ALICE, WORKSPACE, second).body("status", equalTo("pending"));
    }

    @Test
    void wrongCodesCountDownAndTheFifthFailsTheVerification() throws SQLException {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        String id = startWith("totp");

        for (int remaining = 4; remaining >= 0; remaining--) {
            assertProblem(send(ALICE, codePath(id), authenticator.wrongCode()), 400, "invalid_code", codePath(id))
                    .body("attemptsRemaining", equalTo(remaining));
        }

        poll(ALICE, WORKSPACE, id).body("status", equalTo("failed")).body("reason", equalTo("too_many_attempts"))
                .body("attemptsRemaining", equalTo(0));
        assertProblem(send(ALICE, codePath(id), authenticator.code()), 409, "verification_not_pending", codePath(id));
        assertEquals(5L, database.queryValue("select count(*) from audit_event where type = 'verification.code_failed'"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.failed'"));
    }

    @Test
    void tenWrongCodesAcrossVerificationsLockTheUserOutAndANewVerificationDoesNotReset() {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        for (int verification = 0; verification < 2; verification++) {
            String id = startWith("totp");
            for (int attempt = 0; attempt < 5; attempt++) {
                send(ALICE, codePath(id), authenticator.wrongCode()).statusCode(400);
            }
        }
        String path = verificationsPath(WORKSPACE);

        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "totp")), 429, "too_many_attempts", path)
                .header("Retry-After", equalTo("900"));
        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "email")), 429, "too_many_attempts", path);
        clock.advance(Duration.ofMinutes(15));
        String id = startWith("totp");
        send(ALICE, codePath(id), authenticator.code()).statusCode(200);
    }

    @Test
    void aLockedUserCannotSubmitCodesToAPendingVerification() {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        String pending = startWith("totp");
        for (int verification = 0; verification < 2; verification++) {
            String id = startWith("totp");
            for (int attempt = 0; attempt < 5; attempt++) {
                send(ALICE, codePath(id), authenticator.wrongCode()).statusCode(400);
            }
        }

        assertProblem(send(ALICE, codePath(pending), authenticator.code()), 429, "too_many_attempts",
                codePath(pending));
    }

    @Test
    void aPushVerificationTakesNoCode() {
        TestPhone.enrolledFor(ALICE);
        Flows.Started started = Flows.startPush(ALICE, WORKSPACE);

        assertProblem(send(ALICE, codePath(started.id()), "123456"), 409, "wrong_method", codePath(started.id()));
    }

    @Test
    void anotherUsersVerificationIsNotFound() {
        TestAuthenticator.confirmedFor(ALICE, clock);
        String id = startWith("totp");
        String bob = TestTokens.jwt("bob", WORKSPACE, "owner");

        assertProblem(send(bob, codePath(id), "123456"), 404, "verification_not_found", codePath(id));
    }

    @Test
    void anExpiredVerificationTakesNoCode() {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        String id = startWith("totp");
        clock.advance(Duration.ofMinutes(5));

        assertProblem(send(ALICE, codePath(id), authenticator.code()), 409, "verification_expired", codePath(id));
    }
}
