package com.cerby.scimtoken.limits;

import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The user-level lockout holds when wrong codes arrive all at once, over several verifications. */
@QuarkusTest
class ConcurrentWrongCodesTest extends DatabaseTest {

    private static final String ALICE = TestTokens.jwt("alice", "acme", "owner");

    @Test
    void twentyFourWrongCodesAtOnceGetAtMostTenInvalidCodeAnswers() throws Exception {
        TestAuthenticator authenticator = TestAuthenticator.confirmedFor(ALICE, clock);
        List<String> codePaths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = start(ALICE, "acme", Map.of("method", "totp")).statusCode(201).extract().path("id");
            codePaths.add(verificationsPath("acme") + "/" + id + "/code");
        }
        String wrong = authenticator.wrongCode();
        ExecutorService threads = Executors.newFixedThreadPool(24);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String path = codePaths.get(i % 3);
            answers.add(threads.submit(() -> {
                go.await();
                var answer = TestAuthenticator.send(ALICE, path, wrong).extract();
                return answer.statusCode() + " " + answer.path("code");
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> answer : answers) {
            outcomes.add(answer.get());
        }
        threads.shutdown();

        long invalid = outcomes.stream().filter("400 invalid_code"::equals).count();
        assertTrue(invalid <= 10, invalid + " wrong codes were answered invalid_code: " + outcomes);
        assertTrue(outcomes.contains("429 too_many_attempts"), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(outcome -> outcome.equals("400 invalid_code")
                || outcome.equals("429 too_many_attempts") || outcome.equals("409 verification_not_pending")),
                outcomes.toString());
        assertEquals(invalid, database.queryValue("select count(*) from audit_event where type = 'verification.code_failed'"));
        assertEquals(1L, database.queryValue("select count(*) from audit_event where type = 'user.codes_locked'"));
        assertEquals(429, TestAuthenticator.send(ALICE, codePaths.get(0), authenticator.code()).extract().statusCode());
    }
}
