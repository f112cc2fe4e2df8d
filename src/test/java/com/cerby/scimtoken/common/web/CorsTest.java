package com.cerby.scimtoken.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The test profile allows the origin https://app.example.test (quarkus.http.cors.origins). */
@QuarkusTest
class CorsTest {

    private static final String PATH = "/api/v1/workspaces/acme/scim-token";
    private static final String FRONT_END = "https://app.example.test";

    @Test
    void aPreflightFromAnAllowedOriginMaySendTheAuthorizationHeader() {
        given().header("Origin", FRONT_END)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options(PATH)
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(FRONT_END))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Authorization"))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("POST"));
    }

    @Test
    void anAnswerToAnAllowedOriginExposesLocationAndRetryAfter() {
        given().header("Origin", FRONT_END)
                .auth().oauth2(TestTokens.jwt("alice", "acme", "owner"))
                .when().get(PATH)
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(FRONT_END))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("Location"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("Retry-After"));
    }

    @Test
    void anotherOriginIsNotAllowed() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when().options(PATH)
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
