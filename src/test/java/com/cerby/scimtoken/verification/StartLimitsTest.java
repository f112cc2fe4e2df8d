package com.cerby.scimtoken.verification;

import static com.cerby.scimtoken.support.Flows.cancel;
import static com.cerby.scimtoken.support.Flows.start;
import static com.cerby.scimtoken.support.Flows.startPush;
import static com.cerby.scimtoken.support.Flows.verificationsPath;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push bombing brakes: at most 3 pending verifications and 10 push starts per rolling hour per user. */
@QuarkusTest
class StartLimitsTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String PATH = verificationsPath(WORKSPACE);
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    @BeforeEach
    void enrollAlicesPhone() {
        TestPhone.enrolledFor(ALICE);
    }

    @Test
    void aFourthPendingVerificationWaitsUntilTheFirstExpires() throws SQLException {
        Flows.Started first = startPush(ALICE, WORKSPACE);
        clock.advance(Duration.ofSeconds(100));
        startPush(ALICE, WORKSPACE);
        startPush(ALICE, WORKSPACE);

        assertProblem(start(ALICE, WORKSPACE, Map.of()), 429, "too_many_verifications", PATH)
                .header("Retry-After", equalTo("200"));
        assertEquals(3L, database.queryValue("select count(*) from verification"));

        cancel(ALICE, WORKSPACE, first.id()).statusCode(204);
        startPush(ALICE, WORKSPACE);
    }

    @Test
    void expiredVerificationsNoLongerCountAsPending() {
        for (int i = 0; i < 3; i++) {
            startPush(ALICE, WORKSPACE);
        }
        clock.advance(Duration.ofMinutes(5));

        startPush(ALICE, WORKSPACE);
    }

    @Test
    void theLimitIsPerUser() {
        for (int i = 0; i < 3; i++) {
            startPush(ALICE, WORKSPACE);
        }
        String bob = TestTokens.jwt("bob", WORKSPACE, "owner");
        TestPhone.enrolledFor(bob);

        startPush(bob, WORKSPACE);
    }

    @Test
    void anEleventhPushInAnHourWaitsUntilTheOldestLeavesTheHour() {
        clock.stop();
        for (int i = 0; i < 10; i++) {
            cancel(ALICE, WORKSPACE, startPush(ALICE, WORKSPACE).id()).statusCode(204);
            clock.advance(Duration.ofMinutes(1));
        }

        assertProblem(start(ALICE, WORKSPACE, Map.of()), 429, "too_many_verifications", PATH)
                .header("Retry-After", equalTo("3000"));
        clock.advance(Duration.ofMinutes(50));
        startPush(ALICE, WORKSPACE);
    }
}
