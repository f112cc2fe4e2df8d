package com.cerby.scimtoken.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** The web app's calls, as small helpers for tests that walk through a flow. */
public final class Flows {

    private Flows() {
    }

    public static String verificationsPath(String workspaceId) {
        return "/api/v1/workspaces/" + workspaceId + "/scim-token/verifications";
    }

    public static ValidatableResponse start(String jwt, String workspaceId, Map<String, ?> body) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body)
                .when().post(verificationsPath(workspaceId)).then();
    }

    /** Starts a push verification to reveal the token and answers it (as a rest-assured extract). */
    public static Started startPush(String jwt, String workspaceId) {
        var started = start(jwt, workspaceId, Map.of()).statusCode(201).extract();
        return new Started(started.path("id"), started.path("numberChallenge"));
    }

    public record Started(String id, int number) {
    }

    public static ValidatableResponse poll(String jwt, String workspaceId, String verificationId) {
        return given().auth().oauth2(jwt).when().get(verificationsPath(workspaceId) + "/" + verificationId).then();
    }

    public static ValidatableResponse cancel(String jwt, String workspaceId, String verificationId) {
        return given().auth().oauth2(jwt).when().delete(verificationsPath(workspaceId) + "/" + verificationId).then();
    }

    public static ValidatableResponse reveal(String jwt, String workspaceId, String verificationId) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON)
                .body(Map.of("verificationId", verificationId))
                .when().post("/api/v1/workspaces/" + workspaceId + "/scim-token/reveal").then();
    }

    /** A manage_factors verification approved on the phone: what adding or removing a factor spends. */
    public static String approvedFactorChange(String jwt, String workspaceId, TestPhone phone) {
        return approved(jwt, workspaceId, phone, "manage_factors");
    }

    /** A push verification for the action, approved on the phone: answers its id. */
    public static String approved(String jwt, String workspaceId, TestPhone phone, String action) {
        var started = start(jwt, workspaceId, Map.of("action", action)).statusCode(201).extract();
        phone.approve(jwt, started.path("id"), started.path("numberChallenge")).statusCode(200);
        return started.path("id");
    }

    public static ValidatableResponse rotate(String jwt, String workspaceId, String verificationId,
            Integer gracePeriodSeconds) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("verificationId", verificationId));
        if (gracePeriodSeconds != null) {
            body.put("gracePeriodSeconds", gracePeriodSeconds);
        }
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/workspaces/" + workspaceId + "/scim-token/rotate").then();
    }

    public static ValidatableResponse revoke(String jwt, String workspaceId, String verificationId) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON).body(Map.of("verificationId", verificationId))
                .when().post("/api/v1/workspaces/" + workspaceId + "/scim-token/revoke").then();
    }

    public static ValidatableResponse introspect(String token) {
        return given().auth().oauth2(TestTokens.jwt("scim-server", "system", "token_introspector"))
                .contentType(ContentType.URLENC).formParam("token", token)
                .when().post("/api/v1/scim-tokens/introspect").then();
    }

    /** Start, approve on the phone, reveal: answers the revealed token's response. */
    public static ValidatableResponse approvedReveal(String jwt, String workspaceId, TestPhone phone) {
        Started started = startPush(jwt, workspaceId);
        phone.approve(jwt, started.id(), started.number()).statusCode(200);
        return reveal(jwt, workspaceId, started.id());
    }
}
