package com.cerby.scimtoken.common.web;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Oversized request lines and headers are refused with a problem, not the HTTP layer's empty answer. */
@QuarkusTest
class RequestHeadLimitsTest {

    @Test
    void aPathOfFiveThousandCharactersIsUriTooLong() {
        String path = "/api/v1/workspaces/" + "a".repeat(5000) + "/scim-token";

        assertProblem(given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner")).when().get(path).then(),
                414, "uri_too_long", path.substring(0, RequestHeadLimits.MAX_URI_LENGTH))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void aLongQueryIsUriTooLong() {
        String path = "/api/v1/workspaces/acme/audit-events";
        assertProblem(given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner"))
                .queryParam("cursor", "c".repeat(5000)).when().get(path).then(), 414, "uri_too_long", path);
    }

    @Test
    void twentyKibOfHeadersAreTooLarge() {
        String path = "/api/v1/workspaces/acme/scim-token";
        assertProblem(given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner"))
                .header("X-Padding", "p".repeat(20 * 1024)).when().get(path).then(), 431, "headers_too_large", path);
    }

    @Test
    void aRequestJustInsideTheLimitsIsServed() {
        given().auth().oauth2(TestTokens.jwt("alice", "acme", "owner")).header("X-Padding", "p".repeat(12 * 1024))
                .when().get("/api/v1/workspaces/acme/scim-token").then().statusCode(200);
    }
}
