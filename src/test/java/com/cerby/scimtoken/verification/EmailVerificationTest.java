package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.poll;
import static com.cerby.scimtoken.support.Flows.reveal;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static com.cerby.scimtoken.support.TestEmail.codePath;
import static com.cerby.scimtoken.support.TestEmail.linkIn;
import static com.cerby.scimtoken.support.TestEmail.report;
import static com.cerby.scimtoken.support.TestEmail.submit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.Mailbox;
import com.cerby.scimtoken.support.TestEmail;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Email verifications complete only in the client that started them (issue 16: a phished email approval). Runs in
 * {@link CodeVerificationTest}'s own application (see there why), which it shares.
 */
@QuarkusTest
@TestProfile(CodeVerificationTest.OwnApplication.class)
class EmailVerificationTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");
    /** The victim's own session, in the same browser as the mail: another JWT of the same user. */
    private static final String ALICE_ELSEWHERE = TestTokens.jwt("alice", "globex");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";

    GreenMail smtp;

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    private MimeMessage lastMail() {
        MimeMessage[] received = smtp.getReceivedMessages();
        assertTrue(received.length > 0, "no mail received");
        return received[received.length - 1];
    }

    private String mailedCode() {
        return linkIn(lastMail()).code();
    }

    private Object status(String id) throws SQLException {
        return database.queryValue("select status from verification where id = ?", UUID.fromString(id));
    }

    private Object attemptsLeft(String id) throws SQLException {
        return database.queryValue("select attempts_remaining from verification where id = ?", UUID.fromString(id));
    }

    @Test
    void aPhishedCodePostedByTheVictimsSessionWithoutTheSecretApprovesNothing() throws SQLException {
        // The attacker holds Alice's JWT and starts the verification; the secret stays in the attacker's client.
        TestEmail.Started attackers = TestEmail.start(ALICE, WORKSPACE, "reveal");
        String code = mailedCode();

        // Alice clicks; the page posts the right code with her own session, and without the attacker's secret.
        assertProblem(submit(ALICE, WORKSPACE, attackers.id(), code, null), 403, "client_binding_mismatch",
                codePath(WORKSPACE, attackers.id()));
        assertProblem(submit(ALICE, WORKSPACE, attackers.id(), code, "not-the-secret"), 403,
                "client_binding_mismatch", codePath(WORKSPACE, attackers.id()));

        assertEquals("PENDING", status(attackers.id()));
        assertEquals(5, attemptsLeft(attackers.id()));
        poll(ALICE, WORKSPACE, attackers.id()).statusCode(200).body("status", equalTo("pending"))
                .body("attemptsRemaining", equalTo(5));
        assertProblem(reveal(ALICE, WORKSPACE, attackers.id()), 403, "verification_required",
                "/api/v1/workspaces/acme/scim-token/reveal");
        assertEquals(2L, database.queryValue("select sum((details->>'count')::int) from audit_event"
                + " where type = 'verification.client_binding_mismatch' and verification_id = ?",
                UUID.fromString(attackers.id())), "both refusals counted, in one collapsed entry");
        assertEquals(0L, database.queryValue("select count(*) from audit_event where type = 'verification.approved'"));
    }

    @Test
    void theRightSecretWithTheRightCodeApprovesOnceAndTheApprovalRevealsTheToken() throws SQLException {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "reveal");
        String code = mailedCode();

        submit(ALICE, WORKSPACE, started.id(), code, started.completionSecret()).statusCode(200)
                .body("status", equalTo("approved")).body("$", not(hasKey("completionSecret")));
        assertProblem(submit(ALICE, WORKSPACE, started.id(), code, started.completionSecret()), 409,
                "verification_not_pending", codePath(WORKSPACE, started.id()));
        reveal(ALICE, WORKSPACE, started.id()).statusCode(200);
        assertEquals("email", database.queryValue("select details->>'factorType' from audit_event"
                + " where type = 'verification.approved' and verification_id = ?", UUID.fromString(started.id())));
    }

    @Test
    void aWrongSecretIsRefusedBeforeTheCodeIsCheckedAndSpendsNothing() throws SQLException {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "reveal");
        String wrongCode = mailedCode().equals("00000000") ? "11111111" : "00000000";

        for (int i = 0; i < 7; i++) {
            assertProblem(submit(ALICE, WORKSPACE, started.id(), wrongCode, "x" + i), 403,
                    "client_binding_mismatch", codePath(WORKSPACE, started.id()));
        }

        assertEquals("PENDING", status(started.id()));
        assertEquals(5, attemptsLeft(started.id()));
        assertEquals(0L, database.queryValue("select count(*) from audit_event where type = 'verification.code_failed'"));
        assertEquals(0L, database.queryValue("select coalesce(sum(failed_code_attempts), 0) from user_guard"));
        submit(ALICE, WORKSPACE, started.id(), wrongCode, started.completionSecret()).statusCode(400)
                .body("code", equalTo("invalid_code")).body("attemptsRemaining", equalTo(4));
    }

    @Test
    void theSecretIsInTheStartAnswerOnlyAndNothingStoresTheSecretOrTheCode() throws SQLException {
        var started = start(ALICE, WORKSPACE, Map.of("method", "email")).statusCode(201)
                .body("method", equalTo("email")).body("numberChallenge", nullValue())
                .body("attemptsRemaining", equalTo(5)).extract();
        String id = started.path("id");
        String secret = started.path("completionSecret");
        assertTrue(secret.matches("[A-Za-z0-9_-]+"), secret);
        assertTrue(Base64.getUrlDecoder().decode(secret).length * 8 >= 128, "the secret carries at least 128 bits");
        String code = mailedCode();

        poll(ALICE, WORKSPACE, id).statusCode(200).body("$", not(hasKey("completionSecret")));
        String tables = database.dumpAllTables();
        assertFalse(tables.contains(secret), "the completion secret is stored in plaintext");
        assertFalse(tables.contains(code), "the email code is stored in plaintext");
        assertFalse(Mailbox.text(lastMail()).contains(secret), "the mail carries the secret");
        TestEmail.Started other = TestEmail.start(ALICE, WORKSPACE, "reveal");
        assertNotEquals(secret, other.completionSecret());
    }

    @Test
    void theMailNamesTheRequestAndCarriesATypeableCodeAndALinkToTheConfirmPage() {
        // The link's host never comes from the request: forwarded-host headers name the attacker's host here.
        String id = RestAssured.given().auth().oauth2(ALICE).contentType(ContentType.JSON)
                .header("User-Agent", BROWSER).header("X-Forwarded-Host", "phish.example.test")
                .header("Forwarded", "host=phish.example.test").body(Map.of("method", "email"))
                .when().post(verificationsPath(WORKSPACE)).then().statusCode(201).extract().path("id");
        Instant expiresAt = Instant.parse(poll(ALICE, WORKSPACE, id).extract().path("expiresAt"));

        String text = Mailbox.text(lastMail());
        TestEmail.Link link = linkIn(lastMail());
        assertEquals("http://localhost:" + RestAssured.port, link.baseUrl(), "the link points at the real port");
        assertFalse(text.contains("phish.example.test"), "the link follows the caller's headers: " + text);
        assertEquals(id, link.verificationId());
        assertTrue(link.code().matches("[0-9]{8}"), link.code());
        assertTrue(Pattern.compile("(?m)^\\s*" + link.code() + "\\s*$").matcher(text).find(),
                "the code stands on a line of its own: " + text);
        assertTrue(text.contains("see the SCIM token"), text);
        assertTrue(text.contains("workspace acme"), text);
        assertTrue(text.contains("127.0.0.1"), text);
        assertTrue(text.contains(BROWSER), text);
        assertTrue(text.contains(DateTimeFormatter.ISO_INSTANT.format(expiresAt)), text);
        assertTrue(text.contains("If you did not ask for this, open the link and press \"This wasn't me\""), text);
        assertFalse(Pattern.compile("\\?\\S*code=").matcher(text).find(), "a code in a query string: " + text);
        assertFalse(text.contains("?"), "no query string at all: " + text);
    }

    @Test
    void aReportDeniesTheVerificationAndPausesEmailForFifteenMinutes() throws SQLException {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "reveal");

        report(ALICE_ELSEWHERE, started.id(), mailedCode()).statusCode(200)
                .body("id", equalTo(started.id())).body("status", equalTo("denied"))
                .body("reason", equalTo("reported_suspicious"));

        poll(ALICE, WORKSPACE, started.id()).body("status", equalTo("denied"))
                .body("reason", equalTo("reported_suspicious"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.reported'"
                + " and details->>'method' = 'email' and verification_id = ?", UUID.fromString(started.id())));
        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "email")), 429, "email_blocked",
                verificationsPath(WORKSPACE)).header("Retry-After", equalTo("900"));
        clock.advance(Duration.ofMinutes(14));
        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "email")), 429, "email_blocked",
                verificationsPath(WORKSPACE)).header("Retry-After", equalTo("60"));
        clock.advance(Duration.ofMinutes(1));
        TestEmail.start(ALICE, WORKSPACE, "reveal");
    }

    @Test
    void aWrongReportCodeIsAFailedAttemptAndADecidedVerificationIsNotReported() throws SQLException {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "reveal");
        String code = mailedCode();
        String path = "/api/v1/me/verifications/" + started.id() + "/report";

        assertProblem(report(ALICE, started.id(), code.equals("00000000") ? "11111111" : "00000000"), 400,
                "invalid_code", path).body("attemptsRemaining", equalTo(4));
        assertEquals("PENDING", status(started.id()));
        assertEquals(4, attemptsLeft(started.id()));
        start(ALICE, WORKSPACE, Map.of("method", "email")).statusCode(201);

        submit(ALICE, WORKSPACE, started.id(), code, started.completionSecret()).statusCode(200);
        assertProblem(report(ALICE, started.id(), code), 409, "verification_not_pending", path);
    }

    @Test
    void onlyTheVerificationsOwnUserMayReportIt() throws SQLException {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "reveal");
        String path = "/api/v1/me/verifications/" + started.id() + "/report";

        assertProblem(report(TestTokens.jwt("bob", WORKSPACE, "owner"), started.id(), mailedCode()), 404,
                "verification_not_found", path);
        String unknown = UUID.randomUUID().toString();
        assertProblem(report(ALICE, unknown, mailedCode()), 404, "verification_not_found",
                "/api/v1/me/verifications/" + unknown + "/report");
        assertEquals("PENDING", status(started.id()));
        assertEquals(5, attemptsLeft(started.id()));
    }

    @Test
    void aReportNeedsASessionAndTheCodeDiesWithTheVerification() throws SQLException {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "reveal");
        String code = mailedCode();
        String path = "/api/v1/me/verifications/" + started.id() + "/report";

        assertProblem(RestAssured.given().contentType(ContentType.JSON).body(Map.of("code", code))
                .when().post(path).then(), 401, "unauthorized", path);
        clock.advance(Duration.ofMinutes(5));
        assertProblem(report(ALICE, started.id(), code), 409, "verification_expired", path);
        assertProblem(submit(ALICE, WORKSPACE, started.id(), code, started.completionSecret()), 409,
                "verification_expired", codePath(WORKSPACE, started.id()));
        TestEmail.start(ALICE, WORKSPACE, "reveal");
    }

    @Test
    void aPushVerificationIsReportedOnThePhoneNotWithACode() {
        TestPhone.enrolledFor(ALICE);
        String id = Flows.startPush(ALICE, WORKSPACE).id();

        assertProblem(report(ALICE, id, "12345678"), 409, "wrong_method", "/api/v1/me/verifications/" + id + "/report");
    }

    @Test
    void emailMayNotConfirmRotateRevokeOrFactorChangesByDefault() throws SQLException {
        for (String action : new String[] { "rotate", "revoke", "manage_factors" }) {
            assertProblem(start(ALICE, WORKSPACE, Map.of("method", "email", "action", action)), 403,
                    "method_not_allowed", verificationsPath(WORKSPACE));
        }
        assertEquals(0L, database.queryValue("select count(*) from verification"));
        assertEquals(0, smtp.getReceivedMessages().length);
        assertEquals(3L, database.queryValue("select count(*) from audit_event where type = 'verification.start_refused'"
                + " and details->>'code' = 'method_not_allowed'"));
    }

    @Test
    void anEmailCodeWorksOnlyForItsOwnVerification() {
        TestEmail.Started first = TestEmail.start(ALICE, WORKSPACE, "reveal");
        String firstCode = mailedCode();
        TestEmail.Started second = TestEmail.start(ALICE, WORKSPACE, "reveal");

        assertProblem(submit(ALICE, WORKSPACE, second.id(), firstCode, second.completionSecret()), 400,
                "invalid_code", codePath(WORKSPACE, second.id())).body("attemptsRemaining", equalTo(4));
        assertProblem(submit(ALICE, WORKSPACE, first.id(), firstCode, second.completionSecret()), 403,
                "client_binding_mismatch", codePath(WORKSPACE, first.id()));
        submit(ALICE, WORKSPACE, first.id(), firstCode, first.completionSecret()).statusCode(200);
    }
}
