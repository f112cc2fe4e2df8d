package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.reveal;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestPasskey;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A passkey verification: the start answers request options bound to this verification, and only an assertion of
 * one of the caller's passkeys, made on an accepted origin with user verification, over this verification's
 * challenge and with a growing counter, approves it. Every refusal is a failed attempt that leaves it pending.
 */
@QuarkusTest
class PasskeyVerificationTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");
    private static final String BOB = TestTokens.jwt("bob", WORKSPACE, "owner");

    private TestPasskey alicesPasskey;

    @BeforeEach
    void aliceHasAPasskey() {
        alicesPasskey = TestPasskey.registeredFor(ALICE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionsOf(Map<String, Object> started) {
        return (Map<String, Object>) started.get("publicKeyCredentialRequestOptions");
    }

    private static String path(Map<String, Object> started) {
        return verificationsPath(WORKSPACE) + "/" + started.get("id") + "/passkey";
    }

    private static ValidatableResponse answer(Map<String, Object> started, Map<String, Object> credential) {
        return TestPasskey.answer(ALICE, WORKSPACE, started.get("id"), credential);
    }

    private String status(Map<String, Object> started) throws SQLException {
        return (String) database.queryValue("select status from verification where id = ?::uuid",
                started.get("id").toString());
    }

    @Test
    void theStartCarriesRequestOptionsBoundToThisVerification() {
        String credentialId = Base64.getUrlEncoder().withoutPadding().encodeToString(alicesPasskey.credentialId());

        start(ALICE, WORKSPACE, Map.of("method", "passkey")).statusCode(201)
                .body("method", equalTo("passkey"))
                .body("numberChallenge", nullValue())
                .body("attemptsRemaining", equalTo(5))
                .body("publicKeyCredentialRequestOptions.challenge", matchesPattern("^[A-Za-z0-9_-]{43}$"))
                .body("publicKeyCredentialRequestOptions.rpId", equalTo("localhost"))
                .body("publicKeyCredentialRequestOptions.timeout", equalTo(300000))
                .body("publicKeyCredentialRequestOptions.userVerification", equalTo("required"))
                .body("publicKeyCredentialRequestOptions.allowCredentials", hasSize(1))
                .body("publicKeyCredentialRequestOptions.allowCredentials[0].type", equalTo("public-key"))
                .body("publicKeyCredentialRequestOptions.allowCredentials[0].id", equalTo(credentialId));
        TestPhone.enrolledFor(BOB);
        start(BOB, WORKSPACE, Map.of()).statusCode(201)
                .body("$", not(hasKey("publicKeyCredentialRequestOptions")));
    }

    @Test
    void aPasskeyApprovesTheVerificationAndTheRevealWorksOnce() throws SQLException {
        Map<String, Object> started = TestPasskey.start(ALICE, WORKSPACE, "reveal");

        answer(started, alicesPasskey.get(optionsOf(started))).statusCode(200)
                .body("status", equalTo("approved"))
                .body("decidedAt", notNullValue());

        reveal(ALICE, WORKSPACE, (String) started.get("id")).statusCode(200).body("token", startsWith("scim_"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.approved'"
                + " and details->>'method' = 'passkey' and details->>'factorType' = 'passkey'"
                + " and details->>'factorId' = ?", alicesPasskey.id()));
        assertEquals(1L, database.queryValue("select sign_count from passkey"));
        assertEquals(true, database.queryValue("select last_used_at is not null from passkey"));
        assertProblem(answer(started, alicesPasskey.get(optionsOf(started))), 409, "verification_not_pending",
                path(started));
    }

    @Test
    void anAssertionOnAPhishingOriginIsRefusedAndTheVerificationStaysPending() throws SQLException {
        Map<String, Object> started = TestPasskey.start(ALICE, WORKSPACE, "reveal");

        assertProblem(answer(started, alicesPasskey.onOrigin("https://login.example-phish.test")
                .get(optionsOf(started))), 403, "invalid_assertion", path(started))
                .body("detail", containsString("origin"))
                .body("attemptsRemaining", equalTo(4));

        assertEquals("PENDING", status(started));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.passkey_failed'"
                + " and details->>'attemptsRemaining' = '4'"));
        answer(started, alicesPasskey.onOrigin(TestPasskey.ORIGIN).get(optionsOf(started))).statusCode(200);
    }

    @Test
    void theChallengeOfAnotherVerificationIsRefused() throws SQLException {
        Map<String, Object> mine = TestPasskey.start(ALICE, WORKSPACE, "reveal");
        Map<String, Object> other = TestPasskey.start(ALICE, WORKSPACE, "rotate");

        assertProblem(answer(mine, alicesPasskey.get(optionsOf(other))), 403, "invalid_assertion", path(mine))
                .body("detail", containsString("challenge"));

        assertEquals("PENDING", status(mine));
        assertEquals("PENDING", status(other));
    }

    @Test
    void anotherUsersPasskeyIsRefusedLikeAnUnknownOne() throws SQLException {
        TestPasskey bobsPasskey = TestPasskey.registeredFor(BOB);
        Map<String, Object> started = TestPasskey.start(ALICE, WORKSPACE, "reveal");

        assertProblem(answer(started, bobsPasskey.get(optionsOf(started))), 403, "invalid_assertion", path(started))
                .body("detail", equalTo("The credential is not one of your passkeys."));
        assertProblem(answer(started, new TestPasskey().get(optionsOf(started))), 403, "invalid_assertion",
                path(started)).body("detail", equalTo("The credential is not one of your passkeys."));

        assertEquals("PENDING", status(started));
    }

    @Test
    void anAssertionWithoutUserVerificationIsRefused() throws SQLException {
        Map<String, Object> started = TestPasskey.start(ALICE, WORKSPACE, "reveal");

        assertProblem(answer(started, alicesPasskey.withoutUserVerification().get(optionsOf(started))), 403,
                "invalid_assertion", path(started)).body("detail", containsString("verify the user"));

        assertEquals("PENDING", status(started));
    }

    @Test
    void aCounterThatWentBackwardsIsRefusedAndAudited() throws SQLException {
        alicesPasskey.approved(ALICE, WORKSPACE, "reveal");
        alicesPasskey.approved(ALICE, WORKSPACE, "reveal");
        Map<String, Object> started = TestPasskey.start(ALICE, WORKSPACE, "reveal");

        assertProblem(answer(started, alicesPasskey.withSignCount(0).get(optionsOf(started))), 403,
                "invalid_assertion", path(started)).body("detail", containsString("counter went backwards"));

        assertEquals("PENDING", status(started));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'passkey.counter_regressed'"
                + " and details->>'factorId' = ? and details->>'storedSignCount' = '2'"
                + " and details->>'presentedSignCount' = '1'", alicesPasskey.id()));
        assertEquals(2L, database.queryValue("select sign_count from passkey"));
    }

    @Test
    void fiveRefusalsFailTheVerificationAndCountTowardTheLockout() throws SQLException {
        Map<String, Object> started = TestPasskey.start(ALICE, WORKSPACE, "reveal");
        Map<String, Object> forged = alicesPasskey.withoutUserVerification().get(optionsOf(started));
        for (int left = 4; left > 0; left--) {
            answer(started, forged).statusCode(403).body("attemptsRemaining", equalTo(left));
        }

        assertProblem(answer(started, forged), 403, "invalid_assertion", path(started))
                .body("attemptsRemaining", equalTo(0))
                .body("detail", containsString("last attempt"));

        assertEquals("FAILED", status(started));
        assertEquals(5, database.queryValue("select failed_code_attempts from user_guard where user_id = 'alice'"));
    }

    @Test
    void malformedAssertionsAreRefusedNeverFailures() {
        Map<String, Object> started = TestPasskey.start(ALICE, WORKSPACE, "reveal");

        assertProblem(answer(started, Map.of("type", "public-key")), 403, "invalid_assertion", path(started));
        assertProblem(answer(started, Map.of("id", "AAAA", "rawId", "AAAA", "type", "public-key",
                "response", Map.of("clientDataJSON", "%%%"))), 403, "invalid_assertion", path(started));
        assertProblem(given().auth().oauth2(ALICE).contentType("application/json").body("{\"credential\": null}")
                .when().post(path(started)).then(), 400, "validation_failed", path(started))
                .body("errors[0].field", equalTo("credential"));
    }

    @Test
    void withoutAPasskeyTheMethodIsNotEnrolledAndOtherMethodsAreNotCompletedWithOne() {
        TestPhone.enrolledFor(BOB);
        assertProblem(start(BOB, WORKSPACE, Map.of("method", "passkey")), 409, "method_not_enrolled",
                verificationsPath(WORKSPACE));

        Flows.Started push = Flows.startPush(BOB, WORKSPACE);
        assertProblem(TestPasskey.answer(BOB, WORKSPACE, push.id(), alicesPasskey.getSigning("AAAA")), 409,
                "wrong_method", verificationsPath(WORKSPACE) + "/" + push.id() + "/passkey");
    }
}
