package com.cerby.scimtoken.factor;

import static com.cerby.scimtoken.support.Flows.approvedFactorChange;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.time.Duration;
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

/**
 * The attacker holds Alice's session JWT and cannot add a factor; what they can do is be refused, as often as they
 * like. Refusals must not push a real change off the first page of Alice's security feed, nor fill the table.
 */
@QuarkusTest
class SecurityFeedTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String FEED = "/api/v1/me/security-events";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");

    private final TestPhone attackersPhone = new TestPhone();
    private TestPhone alicesPhone;

    @BeforeEach
    void aliceHasAPhoneAndTheMinuteStandsStill() {
        alicesPhone = TestPhone.enrolledFor(ALICE);
        // Every refusal of a test falls into one minute, whatever the machine's speed; the phone came before.
        clock.stop();
        clock.advance(Duration.ofSeconds(1));
    }

    private void refusedEnrollments(int count) {
        for (int i = 0; i < count; i++) {
            assertProblem(attackersPhone.enroll(ALICE), 403, "step_up_required", "/api/v1/me/devices");
        }
    }

    private static ValidatableResponse feed(String query) {
        return given().auth().oauth2(ALICE).when().get(FEED + query).then().statusCode(200);
    }

    private long refusalRows() throws SQLException {
        return (Long) database.queryValue("select count(*) from audit_event where type = 'factor.change_refused'");
    }

    @Test
    void fiftyRefusalsInAMinuteAreOneEntryThatCountsThem() throws SQLException {
        refusedEnrollments(50);

        feed("?kind=refusals")
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("factor.change_refused"))
                .body("items[0].actorId", equalTo("alice"))
                .body("items[0].details.change", equalTo("enroll_device"))
                .body("items[0].details.code", equalTo("step_up_required"))
                .body("items[0].details.count", equalTo(50));
        assertEquals(1L, refusalRows());
        assertEquals(50L, database.queryValue("select (details->>'count')::bigint from audit_event"
                + " where type = 'factor.change_refused'"));
    }

    @Test
    void theNextMinuteStartsANewEntry() throws SQLException {
        refusedEnrollments(50);
        clock.advance(Duration.ofMinutes(1));
        refusedEnrollments(3);

        feed("?kind=refusals")
                .body("items", hasSize(2))
                .body("items.details.count", contains(3, 50));
        assertEquals(2L, refusalRows());
    }

    @Test
    void eachKindOfRefusedChangeHasItsOwnEntry() {
        refusedEnrollments(2);
        given().auth().oauth2(ALICE).when().delete("/api/v1/me/devices/" + alicesPhone.deviceId()).then()
                .statusCode(403);

        feed("?kind=refusals")
                .body("items", hasSize(2))
                .body("items.details.change", containsInAnyOrder("enroll_device",
                        "remove_device"));
    }

    @Test
    void aChangeAfterFiftyRefusalsIsTheFirstChangeAndRefusalsAreListedApart() {
        refusedEnrollments(50);
        clock.advance(Duration.ofSeconds(1));
        TestPhone secondPhone = TestPhone.enrolledFor(ALICE, approvedFactorChange(ALICE, WORKSPACE, alicesPhone));

        for (String query : new String[] { "", "?kind=changes" }) {
            feed(query)
                    .body("items.type", contains("device.enrolled", "device.enrolled"))
                    .body("items[0].deviceId", equalTo(secondPhone.deviceId()))
                    .body("items[1].deviceId", equalTo(alicesPhone.deviceId()))
                    .body("nextCursor", equalTo(null));
        }
        feed("?kind=refusals")
                .body("items.type", contains("factor.change_refused"))
                .body("items[0].details.count", equalTo(50));
    }

    @Test
    void refusalsPageLikeChanges() {
        refusedEnrollments(1);
        clock.advance(Duration.ofMinutes(1));
        refusedEnrollments(1);

        String cursor = feed("?kind=refusals&limit=1").body("items", hasSize(1)).extract().path("nextCursor");
        refusedEnrollments(1);
        feed("?kind=refusals&limit=1&cursor=" + cursor)
                .body("items", hasSize(1))
                .body("items[0].details.count", equalTo(1))
                .body("nextCursor", equalTo(null));
        feed("?kind=refusals").body("items.details.count", contains(2, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "all", "CHANGES", "refusal", "changes,refusals" })
    void anyOtherKindIsAValidationFailure(String kind) {
        assertProblem(given().auth().oauth2(ALICE).queryParam("kind", kind).when().get(FEED).then(), 400,
                "validation_failed", FEED)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("kind"));
    }

    @Test
    void concurrentRefusalsLoseNoCountAndAddNoRow() throws Exception {
        int threads = 8;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    refusedEnrollments(each);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1L, refusalRows());
        feed("?kind=refusals").body("items", hasSize(1)).body("items[0].details.count", equalTo(threads * each));
    }
}
