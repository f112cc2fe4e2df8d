package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.poll;
import static com.cerby.scimtoken.support.Flows.startPush;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ?waitSeconds=N}: the answer comes when the verification changes, here or on another instance. The
 * bounds below only tell "woken by the change" from "ran into the 25 s limit"; they measure no speed.
 */
@QuarkusTest
class LongPollTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");
    private static final Duration WOKEN_WELL_BEFORE_THE_LIMIT = Duration.ofSeconds(15);

    private static CompletableFuture<ExtractableResponse<Response>> longPoll(String id, int seconds) {
        return CompletableFuture.supplyAsync(() -> given().auth().oauth2(ALICE)
                .when().get(verificationsPath(WORKSPACE) + "/" + id + "?waitSeconds=" + seconds).then().extract());
    }

    @Test
    void aWaitingPollAnswersAsSoonAsThePhoneDecides() throws Exception {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);
        Instant asked = Instant.now();
        CompletableFuture<ExtractableResponse<Response>> waiting = longPoll(started.id(), 25);

        phone.approve(ALICE, started.id(), started.number()).statusCode(200);

        ExtractableResponse<Response> answer = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("approved", answer.path("status"));
        assertTrue(Duration.between(asked, Instant.now()).compareTo(WOKEN_WELL_BEFORE_THE_LIMIT) < 0);
    }

    @Test
    void aChangeWrittenByAnotherInstanceWakesThePoll() throws Exception {
        TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);
        Instant asked = Instant.now();
        CompletableFuture<ExtractableResponse<Response>> waiting = longPoll(started.id(), 25);

        // What another instance does when it cancels: update the row, then NOTIFY in the same transaction.
        database.queryValue("""
                with cancelled as (update verification set status = 'CANCELLED', decided_at = now(),
                                   version = version + 1 where id = ? returning id)
                select pg_notify('scim_token_verification', id::text) from cancelled""",
                UUID.fromString(started.id()));

        ExtractableResponse<Response> answer = waiting.get(30, TimeUnit.SECONDS);
        assertEquals("cancelled", answer.path("status"));
        assertTrue(Duration.between(asked, Instant.now()).compareTo(WOKEN_WELL_BEFORE_THE_LIMIT) < 0);
    }

    @Test
    void withoutAChangeThePollAnswersThePendingStateAfterTheWait() throws Exception {
        TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);

        ExtractableResponse<Response> answer = longPoll(started.id(), 1).get(30, TimeUnit.SECONDS);

        assertEquals(200, answer.statusCode());
        assertEquals("pending", answer.path("status"));
    }

    @Test
    void aDecidedVerificationIsAnsweredAtOnce() throws Exception {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);
        phone.deny(ALICE, started.id()).statusCode(200);
        Instant asked = Instant.now();

        assertEquals("denied", longPoll(started.id(), 25).get(30, TimeUnit.SECONDS).path("status"));
        assertTrue(Duration.between(asked, Instant.now()).compareTo(WOKEN_WELL_BEFORE_THE_LIMIT) < 0);
    }

    @Test
    void aLongPollOnAnotherUsersVerificationIsNotFound() {
        TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);
        String path = verificationsPath(WORKSPACE) + "/" + started.id();

        assertProblem(given().auth().oauth2(TestTokens.jwt("bob", WORKSPACE, "owner"))
                .when().get(path + "?waitSeconds=5").then(), 404, "verification_not_found", path);
    }

    @ParameterizedTest
    @ValueSource(strings = { "26", "-1", "abc", "1.5" })
    void anOutOfRangeWaitIsAValidationFailure(String seconds) {
        TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);
        String path = verificationsPath(WORKSPACE) + "/" + started.id();

        assertProblem(given().auth().oauth2(ALICE).when().get(path + "?waitSeconds=" + seconds).then(),
                400, "validation_failed", path);
        poll(ALICE, WORKSPACE, started.id()).statusCode(200);
    }
}
