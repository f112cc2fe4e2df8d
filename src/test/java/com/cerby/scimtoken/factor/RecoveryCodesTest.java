package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.Flows.approvedFactorChange;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.mail.MailCourier;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.Mailbox;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alice loses her phone. Recovery codes she printed when she set it up bring her back: one approves removing the
 * lost phone, another adding the new one, and neither works again. A code never reveals a token, and the database
 * never holds one in clear.
 */
@QuarkusTest
class RecoveryCodesTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String CODES = "/api/v1/me/recovery-codes";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");
    /** Crockford's base32 in lower case, two groups of four. */
    private static final String CODE_SHAPE = "^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$";

    @Inject
    MailCourier courier;

    GreenMail smtp;

    private TestPhone alicesPhone;

    @BeforeEach
    void aliceHasAPhone() throws Exception {
        alicesPhone = TestPhone.enrolledFor(ALICE);
        new Mailbox(smtp, courier, database, clock).empty();
    }

    private static ValidatableResponse generate(String jwt, String verificationId) {
        Map<String, String> body = verificationId == null ? Map.of() : Map.of("verificationId", verificationId);
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body).when().post(CODES).then();
    }

    /** A new set of codes for Alice, with an approval of her phone. */
    private List<String> generateWithPhone() {
        return generate(ALICE, approvedFactorChange(ALICE, WORKSPACE, alicesPhone)).statusCode(201).extract()
                .jsonPath().getList("codes", String.class);
    }

    private static String startRecovery(String jwt) {
        return start(jwt, WORKSPACE, Map.of("method", "recovery_code", "action", "manage_factors")).statusCode(201)
                .extract().path("id");
    }

    private static ValidatableResponse submit(String jwt, String verificationId, String code) {
        return TestAuthenticator.send(jwt, Flows.verificationsPath(WORKSPACE) + "/" + verificationId + "/code", code);
    }

    /** A manage_factors verification approved with one of the codes. */
    private static String approvedWithCode(String code) {
        String id = startRecovery(ALICE);
        submit(ALICE, id, code).statusCode(200).body("status", equalTo("approved"))
                .body("method", equalTo("recovery_code"));
        return id;
    }

    private static ValidatableResponse removeDevice(String deviceId, String verificationId) {
        return given().auth().oauth2(ALICE).queryParam("verificationId", verificationId)
                .when().delete("/api/v1/me/devices/" + deviceId).then();
    }

    @Test
    void aSetIsTenDistinctReadableCodesShownOnceAndNeverCached() {
        var answer = generate(ALICE, approvedFactorChange(ALICE, WORKSPACE, alicesPhone)).statusCode(201)
                .header("Cache-Control", "no-store").body("codes", hasSize(10)).extract();

        List<String> codes = answer.jsonPath().getList("codes", String.class);
        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches(CODE_SHAPE), code));
        given().auth().oauth2(ALICE).when().get(CODES).then().statusCode(200)
                .body("remaining", equalTo(10)).body("createdAt", equalTo(answer.path("createdAt")))
                .body("codes", nullValue());
    }

    @Test
    void aLostPhoneIsReplacedWithTwoRecoveryCodesThatNeverWorkAgain() throws Exception {
        List<String> codes = generateWithPhone();

        // The phone is lost: a recovery code approves removing it...
        String removal = approvedWithCode(codes.get(0));
        removeDevice(alicesPhone.deviceId(), removal).statusCode(204);
        // ...and another (typed in capitals, without its dash) approves adding the new one.
        String addition = approvedWithCode(codes.get(1).toUpperCase(Locale.ROOT).replace("-", ""));
        TestPhone newPhone = TestPhone.enrolledFor(ALICE, addition);

        String retry = startRecovery(ALICE);
        assertProblem(submit(ALICE, retry, codes.get(0)), 400, "invalid_code",
                Flows.verificationsPath(WORKSPACE) + "/" + retry + "/code").body("attemptsRemaining", equalTo(4));
        assertProblem(submit(ALICE, retry, codes.get(1)), 400, "invalid_code",
                Flows.verificationsPath(WORKSPACE) + "/" + retry + "/code").body("attemptsRemaining", equalTo(3));
        given().auth().oauth2(ALICE).when().get(CODES).then().statusCode(200).body("remaining", equalTo(8));

        assertEquals(List.of(newPhone.deviceId()), given().auth().oauth2(ALICE).get("/api/v1/me/devices").then()
                .extract().jsonPath().getList("items.id", String.class));
        assertEquals(2L, database.queryValue("select count(*) from audit_event where type = 'verification.approved'"
                + " and actor_id = 'alice' and details->>'factorType' = 'recovery_code'"));
        assertEquals(List.of("9", "8"), List.of(
                database.queryValue("select details->>'remaining' from audit_event where type = 'recovery_code.used'"
                        + " order by occurred_at limit 1"),
                database.queryValue("select details->>'remaining' from audit_event where type = 'recovery_code.used'"
                        + " order by occurred_at desc limit 1")));
        List<String> feed = given().auth().oauth2(ALICE).get("/api/v1/me/security-events").then().statusCode(200)
                .extract().jsonPath().getList("items.type", String.class);
        assertTrue(feed.contains("recovery_codes.generated") && feed.contains("recovery_code.used"), feed.toString());

        List<MimeMessage> mail = new Mailbox(smtp, courier, database, clock).deliver();
        List<String> notices = mail.stream().map(Mailbox::text).filter(text -> text.contains("a recovery code was"
                + " used")).toList();
        assertEquals(2, notices.size(), notices.toString());
        assertTrue(notices.stream().anyMatch(text -> text.contains("8 recovery codes are left.")), notices.toString());
        for (String code : codes.subList(0, 2)) {
            assertTrue(mail.stream().map(Mailbox::text).noneMatch(text -> text.contains(code)));
        }
    }

    @Test
    void aRecoveryCodeNeverConfirmsATokenOperation() throws SQLException {
        generateWithPhone();

        for (String action : List.of("reveal", "rotate", "revoke")) {
            assertProblem(start(ALICE, WORKSPACE, Map.of("method", "recovery_code", "action", action)), 403,
                    "method_not_allowed", Flows.verificationsPath(WORKSPACE));
        }
        assertEquals(0L, database.queryValue("select count(*) from verification where method = 'RECOVERY_CODE'"));
    }

    @Test
    void aRecoveryCodeVerificationNeedsAnUnusedCode() throws SQLException {
        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "recovery_code", "action", "manage_factors")), 409,
                "method_not_enrolled", Flows.verificationsPath(WORKSPACE));

        generateWithPhone();
        database.execute("update recovery_code set used_at = now()");
        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "recovery_code", "action", "manage_factors")), 409,
                "method_not_enrolled", Flows.verificationsPath(WORKSPACE));
        given().auth().oauth2(ALICE).when().get(CODES).then().statusCode(200).body("remaining", equalTo(0));
    }

    @Test
    void fiveWrongCodesFailTheVerificationAndSpendNoCode() throws SQLException {
        List<String> codes = generateWithPhone();
        String id = startRecovery(ALICE);

        for (int attempt = 4; attempt >= 0; attempt--) {
            assertProblem(submit(ALICE, id, "zzzz-zzzz"), 400, "invalid_code",
                    Flows.verificationsPath(WORKSPACE) + "/" + id + "/code").body("attemptsRemaining", equalTo(attempt));
        }
        Flows.poll(ALICE, WORKSPACE, id).statusCode(200).body("status", equalTo("failed"))
                .body("reason", equalTo("too_many_attempts"));
        assertFalse(codes.contains("zzzz-zzzz"));
        assertEquals(10L, database.queryValue("select count(*) from recovery_code where used_at is null"));
    }

    @Test
    void whileTheUsersCodeMethodsAreLockedNoRecoveryCodeIsTriedOrSpent() throws SQLException {
        List<String> codes = generateWithPhone();
        String id = startRecovery(ALICE);
        database.execute("insert into user_guard (user_id, codes_locked_until) values ('alice', ?)",
                java.sql.Timestamp.from(clock.instant().plusSeconds(900)));

        assertProblem(submit(ALICE, id, codes.get(0)), 429, "too_many_attempts",
                Flows.verificationsPath(WORKSPACE) + "/" + id + "/code");
        assertProblem(start(ALICE, WORKSPACE, Map.of("method", "recovery_code", "action", "manage_factors")), 429,
                "too_many_attempts", Flows.verificationsPath(WORKSPACE));
        assertEquals(10L, database.queryValue("select count(*) from recovery_code where used_at is null"));
        Flows.poll(ALICE, WORKSPACE, id).statusCode(200).body("status", equalTo("pending"))
                .body("attemptsRemaining", equalTo(5));
    }

    @Test
    void aNewSetReplacesTheOldOne() throws SQLException {
        List<String> old = generateWithPhone();
        List<String> current = generateWithPhone();

        String id = startRecovery(ALICE);
        assertProblem(submit(ALICE, id, old.get(0)), 400, "invalid_code",
                Flows.verificationsPath(WORKSPACE) + "/" + id + "/code");
        submit(ALICE, id, current.get(0)).statusCode(200).body("status", equalTo("approved"));
        assertEquals(10L, database.queryValue("select count(*) from recovery_code where user_id = 'alice'"));
        assertEquals(2L, database.queryValue("select count(*) from audit_event where type = 'recovery_codes.generated'"
                + " and actor_id = 'alice' and details->>'count' = '10'"));
    }

    @Test
    void generatingCodesTakesAnApprovedManageFactorsVerification() throws SQLException {
        assertProblem(generate(ALICE, null), 403, "step_up_required", CODES);

        String approval = approvedFactorChange(ALICE, WORKSPACE, alicesPhone);
        generate(ALICE, approval).statusCode(201);
        assertProblem(generate(ALICE, approval), 409, "verification_already_used", CODES);
        assertEquals(10L, database.queryValue("select count(*) from recovery_code"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'factor.change_refused'"
                + " and details->>'change' = 'generate_recovery_codes' and details->>'code' = 'step_up_required'"));
    }

    @Test
    void aUserWithoutAnotherFactorHasNothingToRecover() throws SQLException {
        String bob = TestTokens.jwt("bob", WORKSPACE, "owner");

        assertProblem(generate(bob, null), 409, "no_factor", CODES);
        given().auth().oauth2(bob).when().get(CODES).then().statusCode(200)
                .body("remaining", equalTo(0)).body("createdAt", nullValue());
        assertEquals(0L, database.queryValue("select count(*) from recovery_code"));
    }

    @Test
    void unusedRecoveryCodesCountForTheFirstFactorRule() {
        List<String> codes = generateWithPhone();
        removeDevice(alicesPhone.deviceId(), approvedWithCode(codes.get(0))).statusCode(204);

        // Alice now holds only recovery codes: a freshly signed-in session alone still cannot add a factor.
        assertProblem(new TestPhone().enroll(TestTokens.jwt("alice", WORKSPACE, "owner")), 403, "step_up_required",
                "/api/v1/me/devices");
        // Nor can she make new codes: they would stand in for nothing.
        assertProblem(generate(ALICE, approvedWithCode(codes.get(1))), 409, "no_factor", CODES);
    }

    @Test
    void theCodesAreNotInTheDatabase() throws SQLException {
        List<String> codes = generateWithPhone();
        approvedWithCode(codes.get(3));

        String dump = database.dumpAllTables();
        assertTrue(dump.contains("recovery_code: "), "the table was read");
        for (String code : codes) {
            String bare = code.replace("-", "");
            assertFalse(dump.contains(code) || dump.contains(bare), "a code is stored in clear");
            for (String plain : List.of(code, bare, "alice:" + bare)) {
                assertEquals(0L, database.queryValue("select count(*) from recovery_code where code_hash = ?",
                        (Object) Sha256.of(plain)), "a code is stored as its bare SHA-256");
            }
        }
        assertEquals(10L, database.queryValue("select count(*) from recovery_code where octet_length(code_hash) = 32"
                + " and key_id = 'test-1'"));
    }

    @Test
    void everyRecoveryCodeEndpointNeedsAJwt() {
        assertProblem(given().when().get(CODES).then(), 401, "unauthorized", CODES);
        assertProblem(given().contentType(ContentType.JSON).body(Map.of()).when().post(CODES).then(), 401,
                "unauthorized", CODES);
        assertProblem(given().when().get("/api/v1/me/factors").then(), 401, "unauthorized", "/api/v1/me/factors");
    }
}
