package com.cerby.scimtoken.scimtoken;

import static com.cerby.scimtoken.support.Flows.cancel;
import static com.cerby.scimtoken.support.Flows.poll;
import static com.cerby.scimtoken.support.Flows.reveal;
import static com.cerby.scimtoken.support.Flows.startPush;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Concurrent requests on one verification or one workspace: exactly one change wins. */
@QuarkusTest
class ConcurrencyTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");



    @Test
    void twentyConcurrentApprovalsProduceOneSuccess() throws Exception {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);
        String assertion = phone.assertion(started.id(), "approve", started.number(), Instant.now());

        List<Integer> statuses = concurrently(20,
                i -> () -> TestPhone.decide(ALICE, started.id(), assertion).extract().statusCode());

        assertEquals(Map.of(200, 1L, 409, 19L), count(statuses));
        poll(ALICE, WORKSPACE, started.id()).statusCode(200);
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'verification.approved'"));
    }

    @Test
    void cancelRacingApproveHasOneWinner() throws Exception {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        for (int round = 0; round < 10; round++) {
            Flows.Started started = startPush(ALICE, WORKSPACE);
            String assertion = phone.assertion(started.id(), "approve", started.number(), Instant.now());

            List<ExtractableResponse<Response>> answers = concurrently(2, i -> () -> i == 0
                    ? cancel(ALICE, WORKSPACE, started.id()).extract()
                    : TestPhone.decide(ALICE, started.id(), assertion).extract());

            boolean cancelWon = answers.get(0).statusCode() == 204;
            boolean approveWon = answers.get(1).statusCode() == 200;
            assertEquals(1, (cancelWon ? 1 : 0) + (approveWon ? 1 : 0), "round " + round + ": exactly one wins");
            assertEquals(409, (cancelWon ? answers.get(1) : answers.get(0)).statusCode());
            String status = poll(ALICE, WORKSPACE, started.id()).extract().path("status");
            assertEquals(cancelWon ? "cancelled" : "approved", status);
        }
    }

    @Test
    void concurrentFirstRevealsByDifferentAdminsAgreeOnOneToken() throws Exception {
        List<String> admins = new ArrayList<>();
        List<String> approvals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String admin = TestTokens.jwt("admin-" + i, WORKSPACE, i % 2 == 0 ? "admin" : "super_admin");
            TestPhone phone = TestPhone.enrolledFor(admin);
            Flows.Started started = startPush(admin, WORKSPACE);
            phone.approve(admin, started.id(), started.number()).statusCode(200);
            admins.add(admin);
            approvals.add(started.id());
        }

        List<ExtractableResponse<Response>> answers = concurrently(6,
                i -> () -> reveal(admins.get(i), WORKSPACE, approvals.get(i)).extract());

        Set<String> tokens = new HashSet<>();
        for (ExtractableResponse<Response> answer : answers) {
            assertEquals(200, answer.statusCode(), answer.asString());
            tokens.add(answer.path("token"));
        }
        assertEquals(1, tokens.size());
        assertEquals(1L, database.queryValue("select count(*) from scim_token where workspace_id = ?", WORKSPACE));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'scim_token.created'"));
    }

    @Test
    void concurrentRevealsWithOneApprovalRevealOnce() throws Exception {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        Flows.Started started = startPush(ALICE, WORKSPACE);
        phone.approve(ALICE, started.id(), started.number()).statusCode(200);

        List<Integer> statuses = concurrently(10,
                i -> () -> reveal(ALICE, WORKSPACE, started.id()).extract().statusCode());

        assertEquals(Map.of(200, 1L, 409, 9L), count(statuses));
        assertEquals(UUID.fromString(started.id()), database.queryValue(
                "select verification_id from audit_event where type = 'scim_token.revealed'"));
    }

    /** Runs the tasks at the same moment on their own threads and answers their results in order. */
    private static <T> List<T> concurrently(int count, Function<Integer, Callable<T>> task) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<T> work = task.apply(i);
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Map<Integer, Long> count(List<Integer> statuses) {
        return statuses.stream().collect(Collectors.groupingBy(status -> status, Collectors.counting()));
    }
}
