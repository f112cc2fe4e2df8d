package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.mail.MailCourier;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.Mailbox;
import com.cerby.scimtoken.support.TestEmail;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code first-enrollment=email}, a user's first factor (and only a first one) is confirmed through a code
 * mailed to the JWT's email address, in the client that asked for it, and every factor change is told to the user by a notice in that mailbox (a real SMTP server).
 */
@QuarkusTest
@TestProfile(EmailFirstEnrollmentTest.EmailFirst.class)
class EmailFirstEnrollmentTest extends DatabaseTest {

    public static class EmailFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scim-token.factors.first-enrollment", "email",
                    "scim-token.email.link-base-url", "https://scim-token.example.test/");
        }
    }

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    GreenMail smtp;

    @Inject
    MailCourier courier;

    @BeforeEach
    void emptyMailbox() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void theFirstPhoneIsConfirmedThroughTheMailedLink() throws Exception {
        assertProblem(new TestPhone().enroll(ALICE), 403, "step_up_required", "/api/v1/me/devices");
        assertProblem(TestAuthenticator.enroll(ALICE), 403, "step_up_required", "/api/v1/me/totp");

        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "manage_factors");
        String id = started.id();
        TestEmail.Link link = TestEmail.linkIn(smtp.getReceivedMessages()[0]);
        assertEquals("https://scim-token.example.test", link.baseUrl(), "the configured public URL");
        assertTrue(Mailbox.text(smtp.getReceivedMessages()[0]).contains("add or remove a sign-in factor"));
        TestEmail.submit(ALICE, WORKSPACE, id, link.code(), started.completionSecret()).statusCode(200);
        TestPhone phone = TestPhone.enrolledFor(ALICE, id);

        assertEquals(1L, database.queryValue("select count(*) from device where user_id = 'alice'"));
        assertEquals("email", database.queryValue("select details->>'factorType' from audit_event"
                + " where type = 'verification.approved' and verification_id = ?", java.util.UUID.fromString(id)));
        assertProblem(new TestPhone().enroll(ALICE), 403, "step_up_required", "/api/v1/me/devices");
        TestPhone.enrolledFor(ALICE, Flows.approvedFactorChange(ALICE, WORKSPACE, phone));
    }

    @Test
    void aUserWhoHasAFactorCannotChangeFactorsByEmail() throws Exception {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "manage_factors");
        TestEmail.submit(ALICE, WORKSPACE, started.id(), linkCode(smtp.getReceivedMessages()[0]),
                started.completionSecret()).statusCode(200);
        TestPhone.enrolledFor(ALICE, started.id());

        assertProblem(Flows.start(ALICE, WORKSPACE, Map.of("method", "email", "action", "manage_factors")), 403,
                "method_not_allowed", Flows.verificationsPath(WORKSPACE));
        assertEquals(1L, database.queryValue("select count(*) from verification"));
    }

    /**
     * Issue 16's phished email approval: an attacker holding Alice's JWT starts a first-factor email verification;
     * Alice, who gets the mail, opens the link and her own session posts the code. That must approve nothing, so
     * the attacker cannot plant a phone of their own.
     */
    @Test
    void aPhishedEmailApprovalCannotPlantTheAttackersPhone() throws Exception {
        TestEmail.Started attackers = TestEmail.start(ALICE, WORKSPACE, "manage_factors");
        String code = linkCode(smtp.getReceivedMessages()[0]);

        String victim = TestTokens.jwt("alice", WORKSPACE, "owner");
        assertProblem(TestEmail.submit(victim, WORKSPACE, attackers.id(), code, null), 403, "client_binding_mismatch",
                TestEmail.codePath(WORKSPACE, attackers.id()));

        assertEquals("PENDING", database.queryValue("select status from verification where id = ?",
                java.util.UUID.fromString(attackers.id())));
        Flows.poll(ALICE, WORKSPACE, attackers.id()).body("status", org.hamcrest.Matchers.equalTo("pending"))
                .body("attemptsRemaining", org.hamcrest.Matchers.equalTo(5));
        assertEquals(403, new TestPhone().enroll(ALICE, attackers.id()).extract().statusCode());
        assertEquals(0L, database.queryValue("select count(*) from device"));
    }

    @Test
    void everyFactorChangeIsToldToTheUserByMail() throws Exception {
        TestEmail.Started started = TestEmail.start(ALICE, WORKSPACE, "manage_factors");
        String id = started.id();
        TestEmail.submit(ALICE, WORKSPACE, id, linkCode(smtp.getReceivedMessages()[0]), started.completionSecret())
                .statusCode(200);
        smtp.purgeEmailFromAllMailboxes();
        io.restassured.RestAssured.given().auth().oauth2(ALICE).contentType("application/json")
                .header("User-Agent", "Stolen Laptop/1.0")
                .body(Map.of("name", "Alice's new phone", "publicKey", new TestPhone().publicJwk(),
                        "verificationId", id))
                .when().post("/api/v1/me/devices").then().statusCode(201);
        assertEquals(0, smtp.getReceivedMessages().length, "the notice waits in the outbox, apart from the request");

        List<MimeMessage> received = new Mailbox(smtp, courier, database, clock).deliver();

        assertEquals(1, received.size());
        assertEquals("alice@example.test", received.get(0).getAllRecipients()[0].toString());
        assertEquals("Security alert: your sign-in factors changed", received.get(0).getSubject());
        String body = Mailbox.text(received.get(0));
        assertTrue(body.contains("On your account alice, a phone (\"Alice's new phone\") was added at "), body);
        assertTrue(body.contains("from 127.0.0.1 (Stolen Laptop/1.0)"), body);
        assertFalse(body.contains(id), "the notice names no verification");
        assertEquals("SENT", database.queryValue("select status from outbox where channel = 'MAIL'"));
    }

    private static String linkCode(MimeMessage message) {
        return TestEmail.linkIn(message).code();
    }
}
