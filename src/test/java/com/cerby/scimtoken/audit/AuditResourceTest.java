package com.cerby.scimtoken.audit;

import static com.cerby.scimtoken.support.Flows.startPush;
import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AuditResourceTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String EVENTS = "/api/v1/workspaces/" + WORKSPACE + "/audit-events";
    private static final String ALICE = TestTokens.jwt("alice", WORKSPACE, "owner");





    private static ValidatableResponse list(String jwt, String query) {
        return given().auth().oauth2(jwt).when().get(EVENTS + query).then();
    }

    @Test
    void theWholeFlowIsAuditedNewestFirst() {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        clock.advance(Duration.ofSeconds(1));
        Flows.Started started = startPush(ALICE, WORKSPACE);
        clock.advance(Duration.ofSeconds(1));
        phone.approve(ALICE, started.id(), started.number()).statusCode(200);
        clock.advance(Duration.ofSeconds(1));
        Flows.reveal(ALICE, WORKSPACE, started.id()).statusCode(200);

        list(TestTokens.jwt("carol", WORKSPACE, "admin"), "")
                .statusCode(200)
                .body("items.type", contains("scim_token.revealed", "scim_token.created", "verification.approved",
                        "verification.started", "device.enrolled"))
                .body("items.actorId", everyItem(equalTo("alice")))
                .body("items[0].tokenId", notNullValue())
                .body("items[0].verificationId", equalTo(started.id()))
                .body("items[2].deviceId", equalTo(phone.deviceId()))
                .body("items[3].details.method", equalTo("push"))
                .body("items[3].details.action", equalTo("reveal"))
                .body("items[3].ipAddress", equalTo("127.0.0.1"))
                .body("items[3].userAgent", notNullValue())
                .body("nextCursor", nullValue());
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        TestPhone.enrolledFor(ALICE);
        for (int i = 0; i < 2; i++) {
            Flows.cancel(ALICE, WORKSPACE, startPush(ALICE, WORKSPACE).id()).statusCode(204);
        }
        List<String> all = list(ALICE, "?limit=200").extract().path("items.id");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = list(ALICE, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).statusCode(200).extract();
            paged.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);

        org.junit.jupiter.api.Assertions.assertEquals(5, all.size());
        org.junit.jupiter.api.Assertions.assertEquals(all, paged);
        org.junit.jupiter.api.Assertions.assertEquals(3, pages);
    }

    @Test
    void eventsCanBeFilteredByType() {
        TestPhone.enrolledFor(ALICE);
        startPush(ALICE, WORKSPACE);
        startPush(ALICE, WORKSPACE);

        list(ALICE, "?type=verification.started").statusCode(200)
                .body("items", hasSize(2))
                .body("items.type", everyItem(equalTo("verification.started")));
        list(ALICE, "?type=scim_token.revealed").statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anotherWorkspacesEventsAreNotListed() {
        String elsewhere = TestTokens.jwt("zed", "other", "owner");
        TestPhone.enrolledFor(elsewhere);
        startPush(elsewhere, "other");

        list(ALICE, "").statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refusalsOfOneKindInOneMinuteAreOneEntryThatCountsThem() throws SQLException {
        TestPhone phone = TestPhone.enrolledFor(ALICE);
        clock.stop();
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 50; i++) {
            // A verification id the caller makes up each time must not make each refusal an entry of its own.
            assertProblem(Flows.reveal(ALICE, WORKSPACE, UUID.randomUUID().toString()), 403,
                    "verification_required", "/api/v1/workspaces/acme/scim-token/reveal");
        }
        clock.advance(Duration.ofSeconds(1));
        Flows.Started started = startPush(ALICE, WORKSPACE);
        // A second apart: events of one instant are ordered by their random ids.
        clock.advance(Duration.ofSeconds(1));
        Flows.cancel(ALICE, WORKSPACE, started.id()).statusCode(204);

        list(ALICE, "").statusCode(200)
                .body("items.type", contains("verification.cancelled", "verification.started",
                        "scim_token.reveal_refused", "device.enrolled"))
                .body("items[2].actorId", equalTo("alice"))
                .body("items[2].details.code", equalTo("verification_required"))
                .body("items[2].details.count", equalTo(50))
                .body("items[2].verificationId", notNullValue())
                .body("items[1].details.count", nullValue());
        org.junit.jupiter.api.Assertions.assertEquals(1L, database.queryValue(
                "select count(*) from audit_event where type = 'scim_token.reveal_refused'"));

        clock.advance(Duration.ofMinutes(1));
        assertProblem(Flows.reveal(ALICE, WORKSPACE, started.id()), 403, "verification_required",
                "/api/v1/workspaces/acme/scim-token/reveal");
        list(ALICE, "?type=scim_token.reveal_refused").statusCode(200)
                .body("items.details.count", contains(1, 50));
        list(ALICE, "?type=device.enrolled").statusCode(200).body("items[0].deviceId", equalTo(phone.deviceId()));
    }

    @Test
    void refusalsOfAnotherUserOrWorkspaceAreTheirOwnEntries() {
        clock.stop();
        String bob = TestTokens.jwt("bob", WORKSPACE, "owner");
        String aliceElsewhere = TestTokens.jwt("alice", "other", "owner");
        Flows.reveal(ALICE, WORKSPACE, UUID.randomUUID().toString()).statusCode(403);
        Flows.reveal(ALICE, WORKSPACE, UUID.randomUUID().toString()).statusCode(403);
        Flows.reveal(bob, WORKSPACE, UUID.randomUUID().toString()).statusCode(403);
        Flows.reveal(aliceElsewhere, "other", UUID.randomUUID().toString()).statusCode(403);

        list(ALICE, "?type=scim_token.reveal_refused").statusCode(200)
                .body("items", hasSize(2))
                .body("items.actorId", containsInAnyOrder("alice", "bob"))
                .body("items.details.count", containsInAnyOrder(2, 1));
        given().auth().oauth2(aliceElsewhere).when().get("/api/v1/workspaces/other/audit-events").then()
                .statusCode(200)
                .body("items.type", contains("scim_token.reveal_refused"))
                .body("items[0].details.count", equalTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "?limit=0", "?limit=201", "?limit=abc", "?limit=-1", "?cursor=bm9wZQ", "?type=Bad%20Type" })
    void badParametersAreValidationFailures(String query) {
        assertProblem(list(ALICE, query), 400, "validation_failed", EVENTS).body("errors", hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "user", "login_only", "guest_user", "token_introspector" })
    void otherRolesMayNotReadTheAuditLog(String role) {
        assertProblem(list(TestTokens.jwt("dave", WORKSPACE, role), ""), 403, "role_not_allowed", EVENTS);
    }

    @Test
    void anotherWorkspacesLogIsAMismatch() {
        assertProblem(given().auth().oauth2(ALICE).when().get("/api/v1/workspaces/other/audit-events").then(),
                403, "workspace_mismatch", "/api/v1/workspaces/other/audit-events");
    }

    @Test
    void aForwardedForHeaderIsNotBelievedByDefault() {
        TestPhone.enrolledFor(ALICE);
        given().auth().oauth2(ALICE).header("X-Forwarded-For", "203.0.113.9").contentType("application/json")
                .body("{}").when().post(Flows.verificationsPath(WORKSPACE)).then().statusCode(201);

        list(ALICE, "?type=verification.started").body("items[0].ipAddress", equalTo("127.0.0.1"));
    }
}
