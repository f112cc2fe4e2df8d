package com.cerby.scimtoken.scimtoken;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.introspect;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Flows;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.cerby.scimtoken.support.ThirtyDayTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With scim-token.token.lifetime set, tokens stop working by themselves. */
@QuarkusTest
@TestProfile(ThirtyDayTokens.class)
class TokenLifetimeTest extends DatabaseTest {


    private static final String OWNER = TestTokens.jwt("olivia", "acme", "owner");

    @Test
    void aTokenExpiresAfterItsLifetimeAndOnlyARotationIssuesANewOne() {
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        var revealed = approvedReveal(OWNER, "acme", phone).statusCode(200).extract();
        Instant createdAt = Instant.parse(revealed.path("createdAt"));
        Instant expiresAt = Instant.parse(revealed.path("expiresAt"));
        String token = revealed.path("token");

        assertEquals(createdAt.plus(Duration.ofDays(30)), expiresAt);
        introspect(token).body("active", equalTo(true)).body("exp", equalTo((int) expiresAt.getEpochSecond()));
        given().auth().oauth2(OWNER).get("/api/v1/workspaces/acme/scim-token").then()
                .body("expiresAt", equalTo(revealed.path("expiresAt"))).body("expiresInDays", equalTo(30));

        clock.advance(Duration.ofDays(30));

        introspect(token).body("active", equalTo(false));
        given().auth().oauth2(OWNER).get("/api/v1/workspaces/acme/scim-token").then()
                .body("exists", equalTo(false)).body("status", equalTo("expired"))
                .body("expiresAt", equalTo(revealed.path("expiresAt")));
        assertProblem(Flows.reveal(OWNER, "acme", approvedNow(phone, "reveal")), 409, "token_expired",
                "/api/v1/workspaces/acme/scim-token/reveal");
        String renewed = Flows.rotate(OWNER, "acme", approvedNow(phone, "rotate"), null).statusCode(200)
                .extract().path("token");
        assertNotEquals(token, renewed);
        introspect(renewed).body("active", equalTo(true));
    }

    /** A push verification approved by a decision signed at the service's (moved) time. */
    private String approvedNow(TestPhone phone, String action) {
        var started = Flows.start(OWNER, "acme", Map.of("action", action)).statusCode(201).extract();
        String id = started.path("id");
        TestPhone.decide(OWNER, id, phone.assertion(id, "approve", started.path("numberChallenge"), clock.instant()))
                .statusCode(200);
        return id;
    }
}
