package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.poll;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.startPush;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class DeviceDecisionTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "admin");
    private static final String MY_VERIFICATIONS = "/api/v1/me/verifications";



    private TestPhone phone;

    @BeforeEach
    void enrollAlicesPhone() {
        phone = TestPhone.enrolledFor(ALICE);
    }


    private static String decisionPath(String verificationId) {
        return MY_VERIFICATIONS + "/" + verificationId + "/decision";
    }

    @Test
    void thePhoneSeesThePendingVerificationWithoutTheNumber() {
        Flows.Started started = startPush(ALICE, WORKSPACE);

        given().auth().oauth2(ALICE).when().get(MY_VERIFICATIONS).then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(started.id()))
                .body("items[0].workspaceId", equalTo(WORKSPACE))
                .body("items[0].action", equalTo("reveal"))
                .body("items[0].method", equalTo("push"))
                .body("items[0].expiresAt", notNullValue())
                .body("items[0].requester.ipAddress", equalTo("127.0.0.1"))
                .body("items[0]", not(hasKey("numberChallenge")));
        given().auth().oauth2(TestTokens.jwt("bob", WORKSPACE, "admin")).when().get(MY_VERIFICATIONS).then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void decidedAndExpiredVerificationsAreNoLongerListed() {
        Flows.Started decided = startPush(ALICE, WORKSPACE);
        phone.deny(ALICE, decided.id()).statusCode(200);
        startPush(ALICE, WORKSPACE);

        given().auth().oauth2(ALICE).when().get(MY_VERIFICATIONS).then().body("items", hasSize(1));
        clock.advance(Duration.ofMinutes(5));
        given().auth().oauth2(ALICE).when().get(MY_VERIFICATIONS).then().body("items", hasSize(0));
    }

    @Test
    void theRightNumberApprovesAndMarksTheDeviceUsed() throws SQLException {
        Flows.Started started = startPush(ALICE, WORKSPACE);

        phone.approve(ALICE, started.id(), started.number()).statusCode(200)
                .body("id", equalTo(started.id()))
                .body("status", equalTo("approved"))
                .body("reason", nullValue());
        poll(ALICE, WORKSPACE, started.id()).body("status", equalTo("approved")).body("decidedAt", notNullValue());
        given().auth().oauth2(ALICE).when().get("/api/v1/me/devices").then()
                .body("items[0].lastUsedAt", notNullValue());
        assertEquals(UUID.fromString(phone.deviceId()), database.queryValue(
                "select device_id from audit_event where type = 'verification.approved' and verification_id = ?",
                UUID.fromString(started.id())));
    }

    @Test
    void aWrongNumberDeniesWithNumberMismatch() throws SQLException {
        Flows.Started started = startPush(ALICE, WORKSPACE);
        int wrong = started.number() == 99 ? 10 : started.number() + 1;

        phone.approve(ALICE, started.id(), wrong).statusCode(200)
                .body("status", equalTo("denied"))
                .body("reason", equalTo("number_mismatch"));
        poll(ALICE, WORKSPACE, started.id()).body("status", equalTo("denied")).body("reason", equalTo("number_mismatch"));
        assertEquals("{\"method\": \"push\", \"reason\": \"number_mismatch\"}", String.valueOf(database.queryValue(
                "select details::text from audit_event where type = 'verification.denied'")));
    }

    @Test
    void aDenialIsUserDenied() {
        Flows.Started started = startPush(ALICE, WORKSPACE);

        phone.deny(ALICE, started.id()).statusCode(200)
                .body("status", equalTo("denied"))
                .body("reason", equalTo("user_denied"));
    }

    @Test
    void aReportDeniesAndBlocksPushForFifteenMinutes() throws SQLException {
        Flows.Started started = startPush(ALICE, WORKSPACE);

        phone.report(ALICE, started.id()).statusCode(200)
                .body("status", equalTo("denied"))
                .body("reason", equalTo("reported_suspicious"));
        String path = Flows.verificationsPath(WORKSPACE);
        assertProblem(start(ALICE, WORKSPACE, Map.of()), 429, "push_blocked", path)
                .header("Retry-After", equalTo("900"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.reported'"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.start_refused'"
                + " and details->>'code' = 'push_blocked'"));

        clock.advance(Duration.ofMinutes(14));
        assertProblem(start(ALICE, WORKSPACE, Map.of()), 429, "push_blocked", path)
                .header("Retry-After", equalTo("60"));
        start(TestTokens.jwt("bob", WORKSPACE, "admin"), WORKSPACE, Map.of()).statusCode(409);
        clock.advance(Duration.ofMinutes(1));
        start(ALICE, WORKSPACE, Map.of()).statusCode(201);
    }

    @Test
    void anyOfTheUsersDevicesMayDecide() {
        TestPhone secondPhone = TestPhone.enrolledFor(ALICE, Flows.approvedFactorChange(ALICE, WORKSPACE, phone));
        Flows.Started started = startPush(ALICE, WORKSPACE);

        secondPhone.approve(ALICE, started.id(), started.number()).statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void aDecidedVerificationCannotBeDecidedAgain() {
        Flows.Started started = startPush(ALICE, WORKSPACE);
        phone.deny(ALICE, started.id()).statusCode(200);

        assertProblem(phone.approve(ALICE, started.id(), started.number()), 409, "verification_not_pending",
                decisionPath(started.id()));
        poll(ALICE, WORKSPACE, started.id()).body("status", equalTo("denied"));
    }

    @Test
    void anExpiredVerificationCannotBeApproved() {
        Flows.Started started = startPush(ALICE, WORKSPACE);
        clock.advance(Duration.ofSeconds(300));

        String assertion = phone.assertion(started.id(), "approve", started.number(), Instant.now().plusSeconds(300));
        assertProblem(TestPhone.decide(ALICE, started.id(), assertion), 409, "verification_expired",
                decisionPath(started.id()));
    }

    @Test
    void anotherUsersVerificationIsNotFound() {
        Flows.Started started = startPush(ALICE, WORKSPACE);
        String bob = TestTokens.jwt("bob", WORKSPACE, "admin");
        TestPhone bobsPhone = TestPhone.enrolledFor(bob);

        assertProblem(bobsPhone.approve(bob, started.id(), started.number()), 404, "verification_not_found",
                decisionPath(started.id()));
        poll(ALICE, WORKSPACE, started.id()).body("status", equalTo("pending"));
    }

    static Stream<Arguments> untrustworthyAssertions() {
        return Stream.of(
                Arguments.of("signed by another key", (Forger) (phone, v) -> new TestPhone()
                        .sign(claims(v.id(), "approve", v.number(), Instant.now()), phone.deviceId())),
                Arguments.of("unknown kid", (Forger) (phone, v) -> phone
                        .sign(claims(v.id(), "approve", v.number(), Instant.now()), UUID.randomUUID().toString())),
                Arguments.of("kid not a uuid", (Forger) (phone, v) -> phone
                        .sign(claims(v.id(), "approve", v.number(), Instant.now()), "phone-1")),
                Arguments.of("vid of another verification", (Forger) (phone, v) -> phone
                        .assertion(UUID.randomUUID().toString(), "approve", v.number(), Instant.now())),
                Arguments.of("iat too old", (Forger) (phone, v) -> phone
                        .assertion(v.id(), "approve", v.number(), Instant.now().minusSeconds(125))),
                Arguments.of("iat in the future", (Forger) (phone, v) -> phone
                        .assertion(v.id(), "approve", v.number(), Instant.now().plusSeconds(125))),
                Arguments.of("absurd iat", (Forger) (phone, v) -> phone
                        .sign("{\"vid\":\"" + v.id() + "\",\"decision\":\"approve\",\"number\":" + v.number()
                                + ",\"iat\":1e20}", phone.deviceId())),
                Arguments.of("iat with a fraction", (Forger) (phone, v) -> phone
                        .sign("{\"vid\":\"" + v.id() + "\",\"decision\":\"approve\",\"number\":" + v.number()
                                + ",\"iat\":" + Instant.now().getEpochSecond() + ".5}", phone.deviceId())),
                Arguments.of("no iat", (Forger) (phone, v) -> phone
                        .sign("{\"vid\":\"" + v.id() + "\",\"decision\":\"approve\",\"number\":" + v.number() + "}",
                                phone.deviceId())),
                Arguments.of("approve without number", (Forger) (phone, v) -> phone
                        .assertion(v.id(), "approve", null, Instant.now())),
                Arguments.of("unknown decision", (Forger) (phone, v) -> phone
                        .assertion(v.id(), "maybe", null, Instant.now())),
                Arguments.of("alg none", (Forger) (phone, v) -> unsigned(phone, v)),
                Arguments.of("tampered payload", (Forger) (phone, v) -> tampered(phone, v)),
                Arguments.of("not a JWS", (Forger) (phone, v) -> "hello"));
    }

    @FunctionalInterface
    interface Forger extends BiFunction<TestPhone, Flows.Started, String> {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untrustworthyAssertions")
    void anUntrustworthyAssertionIsRefusedAndChangesNothing(String name, Forger forger) throws SQLException {
        Flows.Started started = startPush(ALICE, WORKSPACE);

        assertProblem(TestPhone.decide(ALICE, started.id(), forger.apply(phone, started)), 403, "invalid_assertion",
                decisionPath(started.id()));

        poll(ALICE, WORKSPACE, started.id()).body("status", equalTo("pending"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type ="
                + " 'verification.assertion_rejected' and verification_id = ?", UUID.fromString(started.id())));
        assertEquals(null, database.queryValue("select last_used_at from device where id = ?",
                UUID.fromString(phone.deviceId())));
    }

    @Test
    void anotherUsersDeviceCannotDecideForTheUser() {
        Flows.Started started = startPush(ALICE, WORKSPACE);
        TestPhone bobsPhone = TestPhone.enrolledFor(TestTokens.jwt("bob", WORKSPACE, "admin"));

        String assertion = bobsPhone.assertion(started.id(), "approve", started.number(), Instant.now());
        assertProblem(TestPhone.decide(ALICE, started.id(), assertion), 403, "invalid_assertion",
                decisionPath(started.id()));
    }

    @Test
    void aMissingAssertionIsAValidationFailure() {
        Flows.Started started = startPush(ALICE, WORKSPACE);
        assertProblem(given().auth().oauth2(ALICE).contentType("application/json").body("{}")
                .when().post(decisionPath(started.id())).then(), 400, "validation_failed", decisionPath(started.id()))
                .body("errors[0].field", equalTo("assertion"));
    }

    private static String claims(String verificationId, String decision, int number, Instant issuedAt) {
        return "{\"vid\":\"" + verificationId + "\",\"decision\":\"" + decision + "\",\"number\":" + number
                + ",\"iat\":" + issuedAt.getEpochSecond() + "}";
    }

    private static String unsigned(TestPhone phone, Flows.Started started) {
        String header = "{\"alg\":\"none\",\"kid\":\"" + phone.deviceId() + "\"}";
        return base64Url(header) + "." + base64Url(claims(started.id(), "approve", started.number(), Instant.now()))
                + ".";
    }

    private static String tampered(TestPhone phone, Flows.Started started) {
        String[] denial = phone.assertion(started.id(), "deny", null, Instant.now()).split("\\.");
        String approval = base64Url(claims(started.id(), "approve", started.number(), Instant.now()));
        return denial[0] + "." + approval + "." + denial[2];
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
