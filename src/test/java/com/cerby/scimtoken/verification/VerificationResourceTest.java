package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.cancel;
import static com.cerby.scimtoken.support.Flows.poll;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.startPush;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class VerificationResourceTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String PATH = verificationsPath(WORKSPACE);
    private static final String OWNER = TestTokens.jwt("alice", WORKSPACE, "owner");





    @Test
    void startingAPushVerificationAnswersItsNumberAndLocation() throws SQLException {
        TestPhone.enrolledFor(OWNER);

        var started = given().auth().oauth2(OWNER).header("User-Agent", "web-app/1.0").contentType(ContentType.JSON)
                .body("{}").when().post(PATH)
                .then()
                .statusCode(201)
                .contentType("application/json")
                .header("Location", matchesPattern(".*" + PATH + "/[0-9a-f-]{36}"))
                .body("workspaceId", equalTo(WORKSPACE))
                .body("action", equalTo("reveal"))
                .body("method", equalTo("push"))
                .body("status", equalTo("pending"))
                .body("reason", nullValue())
                .body("numberChallenge", allOf(greaterThanOrEqualTo(10), lessThanOrEqualTo(99)))
                .body("decidedAt", nullValue())
                .body("pollIntervalSeconds", equalTo(4))
                .body("attemptsRemaining", nullValue())
                .extract();
        Instant createdAt = Instant.parse(started.path("createdAt"));
        assertEquals(createdAt.plusSeconds(300), Instant.parse(started.path("expiresAt")));
        assertTrue(started.header("Location").endsWith(started.path("id")));
        UUID id = UUID.fromString(started.path("id"));
        assertEquals("web-app/1.0", database.queryValue(
                "select user_agent from audit_event where type = 'verification.started' and verification_id = ?", id));
    }

    @Test
    void aBodylessStartDefaultsToAPushReveal() throws Exception {
        TestPhone.enrolledFor(OWNER);

        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + PATH))
                .header("Authorization", "Bearer " + OWNER)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, started.statusCode(), started.body());
        assertTrue(started.body().contains("\"method\":\"push\"") && started.body().contains("\"action\":\"reveal\""),
                started.body());
    }

    @Test
    void numbersAreSpreadOverTenToNinetyNine() {
        TestPhone.enrolledFor(OWNER);
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Flows.Started started = startPush(OWNER, WORKSPACE);
            numbers.add(started.number());
            cancel(OWNER, WORKSPACE, started.id()).statusCode(204);
            clock.advance(Duration.ofMinutes(7));
        }
        assertTrue(numbers.size() > 15, "numbers repeat too much: " + numbers);
        assertTrue(numbers.stream().allMatch(n -> n >= 10 && n <= 99), numbers.toString());
    }

    @Test
    void pushNeedsAnEnrolledDevice() throws SQLException {
        assertProblem(start(OWNER, WORKSPACE, Map.of()), 409, "method_not_enrolled", PATH);
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.start_refused'"
                + " and details->>'code' = 'method_not_enrolled' and workspace_id = 'acme'"));
        assertEquals(0L, database.queryValue("select count(*) from verification"));
    }

    @Test
    void totpNeedsAConfirmedAuthenticator() {
        assertProblem(start(OWNER, WORKSPACE, Map.of("method", "totp")), 409, "method_not_enrolled", PATH);
    }

    @Test
    void emailNeedsAnEmailClaim() {
        String withoutEmail = TestTokens.jwtWithoutEmail("alice", WORKSPACE, "owner");
        assertProblem(start(withoutEmail, WORKSPACE, Map.of("method", "email")), 409, "method_not_enrolled", PATH);
    }

    @Test
    void anUnknownMethodOrActionIsAValidationFailure() {
        assertProblem(start(OWNER, WORKSPACE, Map.of("method", "sms")), 400, "validation_failed", PATH)
                .body("errors[0].field", equalTo("method"))
                .body("errors[0].message", equalTo("must be one of push, email, totp, passkey, recovery_code"));
        assertProblem(start(OWNER, WORKSPACE, Map.of("action", "delete")), 400, "validation_failed", PATH)
                .body("errors[0].field", equalTo("action"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "super_admin", "admin" })
    void onlyOwnersMayVerifyForRotateOrRevoke(String role) {
        String jwt = TestTokens.jwt("carol", WORKSPACE, role);
        TestPhone.enrolledFor(jwt);

        assertProblem(start(jwt, WORKSPACE, Map.of("action", "rotate")), 403, "role_not_allowed", PATH);
        assertProblem(start(jwt, WORKSPACE, Map.of("action", "revoke")), 403, "role_not_allowed", PATH);
        start(jwt, WORKSPACE, Map.of("action", "reveal")).statusCode(201);
    }

    @ParameterizedTest
    @ValueSource(strings = { "rotate", "revoke" })
    void ownersMayVerifyForRotateAndRevoke(String action) {
        TestPhone.enrolledFor(OWNER);
        start(OWNER, WORKSPACE, Map.of("action", action)).statusCode(201).body("action", equalTo(action));
    }

    @ParameterizedTest
    @ValueSource(strings = { "user", "login_only", "guest_user", "token_introspector" })
    void otherRolesCannotStartPollOrCancel(String role) {
        String jwt = TestTokens.jwt("dave", WORKSPACE, role);
        String id = UUID.randomUUID().toString();
        assertProblem(start(jwt, WORKSPACE, Map.of()), 403, "role_not_allowed", PATH);
        assertProblem(poll(jwt, WORKSPACE, id), 403, "role_not_allowed", PATH + "/" + id);
        assertProblem(cancel(jwt, WORKSPACE, id), 403, "role_not_allowed", PATH + "/" + id);
    }

    @Test
    void anotherWorkspaceIsRefused() {
        TestPhone.enrolledFor(OWNER);
        assertProblem(start(OWNER, "other", Map.of()), 403, "workspace_mismatch", verificationsPath("other"));
    }

    @Test
    void theRequesterPollsItAndNobodyElseSeesIt() {
        TestPhone.enrolledFor(OWNER);
        Flows.Started started = startPush(OWNER, WORKSPACE);
        String path = PATH + "/" + started.id();

        poll(OWNER, WORKSPACE, started.id()).statusCode(200)
                .body("id", equalTo(started.id()))
                .body("status", equalTo("pending"))
                .body("numberChallenge", equalTo(started.number()));
        String otherAdmin = TestTokens.jwt("bob", WORKSPACE, "admin");
        assertProblem(poll(otherAdmin, WORKSPACE, started.id()), 404, "verification_not_found", path);
        assertProblem(cancel(otherAdmin, WORKSPACE, started.id()), 404, "verification_not_found", path);
        String sameUserOtherWorkspace = TestTokens.jwt("alice", "other", "owner");
        assertProblem(poll(sameUserOtherWorkspace, "other", started.id()), 404, "verification_not_found",
                verificationsPath("other") + "/" + started.id());
        poll(OWNER, WORKSPACE, started.id()).statusCode(200).body("status", equalTo("pending"));
    }

    @Test
    void anUnknownOrMalformedIdIsNotFoundOrInvalid() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(poll(OWNER, WORKSPACE, unknown), 404, "verification_not_found", PATH + "/" + unknown);
        assertProblem(poll(OWNER, WORKSPACE, "123"), 400, "validation_failed", PATH + "/123")
                .body("errors[0].field", equalTo("verificationId"));
    }

    @Test
    void aPendingVerificationIsExpiredAsSoonAsTheClockPassesItsExpiry() {
        TestPhone.enrolledFor(OWNER);
        Flows.Started started = startPush(OWNER, WORKSPACE);

        clock.advance(Duration.ofSeconds(299));
        poll(OWNER, WORKSPACE, started.id()).statusCode(200).body("status", equalTo("pending"));
        clock.advance(Duration.ofSeconds(1));
        poll(OWNER, WORKSPACE, started.id()).statusCode(200).body("status", equalTo("expired"));
        assertProblem(cancel(OWNER, WORKSPACE, started.id()), 409, "verification_expired",
                PATH + "/" + started.id());
    }

    @Test
    void cancellingEndsAPendingVerificationOnce() throws SQLException {
        TestPhone.enrolledFor(OWNER);
        Flows.Started started = startPush(OWNER, WORKSPACE);

        cancel(OWNER, WORKSPACE, started.id()).statusCode(204);
        poll(OWNER, WORKSPACE, started.id()).statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("decidedAt", notNullValue());
        assertProblem(cancel(OWNER, WORKSPACE, started.id()), 409, "verification_not_pending",
                PATH + "/" + started.id());
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.cancelled'"
                + " and verification_id = ?", UUID.fromString(started.id())));
    }

    @Test
    void theNumberIsNeverInAnAuditEvent() throws SQLException {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        Flows.Started started = startPush(OWNER, WORKSPACE);
        phone.approve(OWNER, started.id(), started.number()).statusCode(200);

        assertEquals(0L, database.queryValue("select count(*) from audit_event, jsonb_each_text(details) detail"
                + " where detail.value = ?", String.valueOf(started.number())));
        assertTrue((Long) database.queryValue("select count(*) from audit_event, jsonb_each_text(details) detail")
                > 0, "the events have details to search");
    }
}
