package com.cerby.scimtoken.scimtoken;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.introspect;
import static com.cerby.scimtoken.support.Flows.reveal;
import static com.cerby.scimtoken.support.Flows.revoke;
import static com.cerby.scimtoken.support.Flows.rotate;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RotateRevokeTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String METADATA = "/api/v1/workspaces/" + WORKSPACE + "/scim-token";

    private TestPhone phone;
    private String original;

    @BeforeEach
    void revealTheFirstToken() {
        phone = TestPhone.enrolledFor(OWNER);
        original = reveal(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "reveal")).statusCode(200)
                .extract().path("token");
    }

    private ValidatableResponse metadata() {
        return given().auth().oauth2(OWNER).when().get(METADATA).then().statusCode(200);
    }

    private static boolean isActive(String token) {
        return introspect(token).statusCode(200).extract().path("active");
    }

    @Test
    void aRotationAnswersTheNewTokenOnceAndKeepsTheOldOneForItsGracePeriod() throws SQLException {
        String verification = approved(OWNER, WORKSPACE, phone, "rotate");
        ExtractableResponse<Response> rotated = rotate(OWNER, WORKSPACE, verification, 3600).statusCode(200)
                .header("Cache-Control", "no-store")
                .extract();
        String token = rotated.path("token");
        Instant createdAt = Instant.parse(rotated.path("createdAt"));

        assertNotEquals(original, token);
        assertEquals(createdAt.plusSeconds(3600), Instant.parse(rotated.path("previousTokenExpiresAt")));
        assertEquals(true, isActive(original));
        assertEquals(true, isActive(token));
        metadata().body("tokenId", equalTo(rotated.path("tokenId")))
                .body("previous.hint", equalTo(TokenFormat.hint(original)))
                .body("previous.expiresAt", equalTo(rotated.path("previousTokenExpiresAt")));
        assertProblem(rotate(OWNER, WORKSPACE, verification, 0), 409, "verification_already_used", METADATA + "/rotate");
        assertEquals(3600, ((Number) database.queryValue("select (details->>'gracePeriodSeconds')::int from audit_event"
                + " where type = 'scim_token.rotated'")).intValue());

        clock.advance(Duration.ofSeconds(3600));
        assertEquals(false, isActive(original));
        assertEquals(true, isActive(token));
        metadata().body("previous", nullValue());
    }

    @Test
    void withoutAGracePeriodTheOldTokenStopsAtOnce() {
        ExtractableResponse<Response> rotated = rotate(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "rotate"),
                null).statusCode(200).extract();

        assertEquals(false, isActive(original));
        assertEquals(rotated.path("createdAt").toString(), rotated.path("previousTokenExpiresAt").toString());
        metadata().body("previous", nullValue());
    }

    @Test
    void aSecondRotationEndsTheOlderGraceAtOnce() {
        String second = rotate(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "rotate"), 3600).statusCode(200)
                .extract().path("token");
        String third = rotate(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "rotate"), 3600).statusCode(200)
                .extract().path("token");

        assertEquals(false, isActive(original));
        assertEquals(true, isActive(second));
        assertEquals(true, isActive(third));
        metadata().body("previous.hint", equalTo(TokenFormat.hint(second)));
    }

    @Test
    void rotatingAWorkspaceWithoutATokenCreatesOne() {
        String other = TestTokens.jwt("olivia", "fresh", "owner");
        var rotated = rotate(other, "fresh", approved(other, "fresh", phone, "rotate"), 60).statusCode(200).extract();

        assertEquals(true, isActive(rotated.path("token")));
        assertEquals(null, (Object) rotated.path("previousTokenExpiresAt"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "super_admin", "admin" })
    void onlyOwnersMayRotateOrRevoke(String role) {
        String jwt = TestTokens.jwt("sam", WORKSPACE, role);
        String id = java.util.UUID.randomUUID().toString();
        assertProblem(rotate(jwt, WORKSPACE, id, null), 403, "role_not_allowed", METADATA + "/rotate");
        assertProblem(revoke(jwt, WORKSPACE, id), 403, "role_not_allowed", METADATA + "/revoke");
    }

    @Test
    void aRevealApprovalCannotRotateOrRevoke() {
        assertProblem(rotate(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "reveal"), null), 403,
                "verification_required", METADATA + "/rotate");
        assertProblem(revoke(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "reveal")), 403,
                "verification_required", METADATA + "/revoke");
        assertEquals(true, isActive(original));
    }

    @ParameterizedTest
    @ValueSource(ints = { -1, 604801 })
    void theGracePeriodIsAtMostSevenDays(int seconds) {
        assertProblem(rotate(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "rotate"), seconds), 400,
                "validation_failed", METADATA + "/rotate").body("errors[0].field", equalTo("gracePeriodSeconds"));
    }

    @Test
    void aRevocationStopsCurrentAndPreviousAtOnceAndOnlyAnOwnersRotationIssuesANewToken() throws SQLException {
        String rotatedIn = rotate(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "rotate"), 3600).statusCode(200)
                .extract().path("token");

        revoke(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "revoke")).statusCode(204);

        assertEquals(false, isActive(original));
        assertEquals(false, isActive(rotatedIn));
        metadata().body("exists", equalTo(false)).body("status", equalTo("revoked")).body("previous", nullValue());
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.revoked'"
                + " and jsonb_array_length(details->'revokedTokenIds') = 2"));

        String admin = TestTokens.jwt("adam", WORKSPACE, "admin");
        assertProblem(reveal(admin, WORKSPACE, approved(admin, WORKSPACE, TestPhone.enrolledFor(admin), "reveal")),
                409, "token_revoked", METADATA + "/reveal");
        assertProblem(reveal(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "reveal")), 409, "token_revoked",
                METADATA + "/reveal");
        assertEquals(0L, database.queryValue("select count(*) from scim_token where status = 'CURRENT'"));
        assertEquals(2L, database.queryValue("select count(*) from audit_event where type = 'scim_token.reveal_refused'"
                + " and details->>'code' = 'token_revoked'"));

        var rotated = rotate(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "rotate"), 3600).statusCode(200)
                .body("previousTokenExpiresAt", nullValue()).extract();
        String fresh = rotated.path("token");
        assertNotEquals(rotatedIn, fresh);
        assertEquals(true, isActive(fresh));
        metadata().body("exists", equalTo(true)).body("status", equalTo("active"))
                .body("hint", equalTo(TokenFormat.hint(fresh)));
        reveal(OWNER, WORKSPACE, approved(OWNER, WORKSPACE, phone, "reveal")).statusCode(200)
                .body("token", equalTo(fresh));
        // The rotation replaced no token: its event has no previousTokenId, and the audit log still reads.
        given().auth().oauth2(OWNER).when().get("/api/v1/workspaces/" + WORKSPACE + "/audit-events?limit=100")
                .then().statusCode(200);
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.rotated'"
                + " and details->'previousTokenId' is null"));
    }

    @Test
    void tenConcurrentRotationsLeaveExactlyOneCurrentToken() throws Exception {
        List<String> owners = new ArrayList<>();
        List<String> approvals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String owner = TestTokens.jwt("owner-" + i, WORKSPACE, "owner");
            owners.add(owner);
            approvals.add(approved(owner, WORKSPACE, TestPhone.enrolledFor(owner), "rotate"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int index = i;
            answers.add(threads.submit(() -> {
                go.await();
                return rotate(owners.get(index), WORKSPACE, approvals.get(index), 600).extract().statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> answer : answers) {
            assertEquals(200, answer.get());
        }
        threads.shutdown();

        assertEquals(1L, database.queryValue("select count(*) from scim_token where status = 'CURRENT'"));
        assertEquals(1L, database.queryValue("select count(*) from scim_token where status = 'PREVIOUS'"));
        assertEquals(9L, database.queryValue("select count(*) from scim_token where status = 'REVOKED'"),
                "the first token and eight rotated-in ones, each ended by the next rotation");
    }
}
