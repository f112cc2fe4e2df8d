package com.cerby.scimtoken.scimtoken;

import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.reveal;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.startPush;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.CapturedLog;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RevealTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String REVEAL = "/api/v1/workspaces/" + WORKSPACE + "/scim-token/reveal";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");



    private TestPhone phone;

    @BeforeEach
    void enrollAlicesPhone() {
        phone = TestPhone.enrolledFor(ALICE);
    }


    private Flows.Started approved(String jwt, TestPhone device) {
        Flows.Started started = startPush(jwt, WORKSPACE);
        device.approve(jwt, started.id(), started.number()).statusCode(200);
        return started;
    }

    @Test
    void theFirstRevealCreatesTheTokenAndTheMetadataDescribesIt() throws SQLException {
        Flows.Started started = approved(ALICE, phone);

        var revealed = reveal(ALICE, WORKSPACE, started.id())
                .statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("tokenId", notNullValue())
                .body("createdAt", notNullValue())
                .body("lastUsedAt", nullValue())
                .body("expiresAt", nullValue())
                .extract();
        String token = revealed.path("token");
        assertTrue(TokenFormat.isWellFormed(token), token);

        given().auth().oauth2(ALICE).get("/api/v1/workspaces/" + WORKSPACE + "/scim-token").then()
                .statusCode(200)
                .body("exists", equalTo(true))
                .body("tokenId", equalTo(revealed.path("tokenId")))
                .body("hint", equalTo(TokenFormat.hint(token)))
                .body("createdBy", equalTo("alice"))
                .body("createdAt", equalTo(revealed.path("createdAt")));
        UUID verificationId = UUID.fromString(started.id());
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.created'"
                + " and verification_id = ?", verificationId));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.revealed'"
                + " and verification_id = ? and token_id = ?", verificationId,
                UUID.fromString(revealed.path("tokenId"))));
    }

    @Test
    void eachApprovalRevealsOnceAndLaterRevealsShowTheSameToken() throws SQLException {
        Flows.Started first = approved(ALICE, phone);
        String token = reveal(ALICE, WORKSPACE, first.id()).statusCode(200).extract().path("token");

        assertProblem(reveal(ALICE, WORKSPACE, first.id()), 409, "verification_already_used", REVEAL);
        String admin = TestTokens.jwt("carol", WORKSPACE, "admin");
        reveal(admin, WORKSPACE, approved(admin, TestPhone.enrolledFor(admin)).id())
                .statusCode(200).body("token", equalTo(token));
        assertEquals(1L, database.queryValue("select count(*) from scim_token"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.reveal_refused'"
                + " and details->>'code' = 'verification_already_used'"));
    }

    @Test
    void aPendingDeniedOrCancelledVerificationIsNotEnough() {
        Flows.Started pending = startPush(ALICE, WORKSPACE);
        assertProblem(reveal(ALICE, WORKSPACE, pending.id()), 403, "verification_required", REVEAL);

        phone.deny(ALICE, pending.id()).statusCode(200);
        assertProblem(reveal(ALICE, WORKSPACE, pending.id()), 403, "verification_required", REVEAL);

        Flows.Started cancelled = startPush(ALICE, WORKSPACE);
        Flows.cancel(ALICE, WORKSPACE, cancelled.id()).statusCode(204);
        assertProblem(reveal(ALICE, WORKSPACE, cancelled.id()), 403, "verification_required", REVEAL);
    }

    @Test
    void anUnknownVerificationIsNotEnough() throws SQLException {
        assertProblem(reveal(ALICE, WORKSPACE, UUID.randomUUID().toString()), 403, "verification_required", REVEAL);
        assertEquals(0L, database.queryValue("select count(*) from scim_token"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.reveal_refused'"
                + " and details->>'code' = 'verification_required' and actor_id = 'alice'"));
    }

    @Test
    void aVerificationForAnotherActionIsNotEnough() {
        var started = start(ALICE, WORKSPACE, Map.of("action", "rotate")).statusCode(201).extract();
        phone.approve(ALICE, started.path("id"), started.path("numberChallenge")).statusCode(200);

        assertProblem(reveal(ALICE, WORKSPACE, started.path("id")), 403, "verification_required", REVEAL);
    }

    @Test
    void anotherUsersApprovalIsNotEnough() {
        Flows.Started alicesApproval = approved(ALICE, phone);
        String bob = TestTokens.jwt("bob", WORKSPACE, "admin");

        assertProblem(reveal(bob, WORKSPACE, alicesApproval.id()), 403, "verification_required", REVEAL);
        reveal(ALICE, WORKSPACE, alicesApproval.id()).statusCode(200);
    }

    @Test
    void anApprovalInAnotherWorkspaceIsNotEnough() {
        Flows.Started approval = approved(ALICE, phone);
        String aliceElsewhere = TestTokens.jwt("alice", "other", "owner");

        assertProblem(reveal(aliceElsewhere, "other", approval.id()), 403, "verification_required",
                "/api/v1/workspaces/other/scim-token/reveal");
    }

    @Test
    void anApprovalOlderThanFiveMinutesIsNotEnough() {
        Flows.Started approval = approved(ALICE, phone);

        clock.advance(Duration.ofSeconds(301));

        assertProblem(reveal(ALICE, WORKSPACE, approval.id()), 403, "verification_required", REVEAL);
    }

    @Test
    void anApprovalJustInsideFiveMinutesWorks() {
        Flows.Started approval = approved(ALICE, phone);

        clock.advance(Duration.ofSeconds(299));

        reveal(ALICE, WORKSPACE, approval.id()).statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "user", "login_only", "guest_user", "token_introspector" })
    void otherRolesCannotReveal(String role) {
        assertProblem(reveal(TestTokens.jwt("alice", WORKSPACE, role), WORKSPACE, UUID.randomUUID().toString()),
                403, "role_not_allowed", REVEAL);
    }

    @Test
    void aRevealInAnotherWorkspaceIsAMismatch() {
        assertProblem(reveal(ALICE, "other", UUID.randomUUID().toString()), 403, "workspace_mismatch",
                "/api/v1/workspaces/other/scim-token/reveal");
    }

    @Test
    void aMissingOrMalformedVerificationIdIsAValidationFailure() {
        assertProblem(given().auth().oauth2(ALICE).contentType("application/json").body("{}").when().post(REVEAL)
                .then(), 400, "validation_failed", REVEAL).body("errors[0].field", equalTo("verificationId"));
        assertProblem(reveal(ALICE, WORKSPACE, "nope"), 400, "validation_failed", REVEAL)
                .body("errors[0].field", equalTo("verificationId"));
    }

    @Test
    void theTokenIsStoredOnlyEncryptedAndNeverLogged() throws SQLException {
        String token;
        try (CapturedLog log = CapturedLog.open()) {
            token = approvedReveal(ALICE, WORKSPACE, phone).statusCode(200).extract().path("token");
            given().auth().oauth2(ALICE).get("/api/v1/workspaces/" + WORKSPACE + "/audit-events").then()
                    .statusCode(200);

            String secret = token.substring(5, 48);
            assertFalse(log.lines().stream().anyMatch(line -> line.contains(secret)), "the token was logged");
        }
        String everything = database.dumpAllTables();
        assertTrue(everything.contains("scim_token: "), "the dump must include the token table");
        assertFalse(everything.contains(token.substring(5, 48)), "the token is stored in plaintext");
        assertFalse(everything.contains(token.substring(20, 40)), "part of the token is stored in plaintext");
        assertFalse(everything.contains(java.util.HexFormat.of().formatHex(
                token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).substring(10, 60)),
                "the token is stored as bytes");
    }
}
