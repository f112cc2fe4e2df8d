package com.cerby.scimtoken.operations;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.PrismProxy;
import com.cerby.scimtoken.support.TestAuthenticator;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quickstart and its error cases, replayed through Stoplight Prism's validation proxy: every answer must
 * conform to openapi.yaml. Prism runs without {@code --errors}, which would answer a request it finds invalid
 * itself instead of forwarding it; so the error cases reach the service too, and the test reads Prism's verdict
 * from {@code sl-violations}: no response violation ever, and a request violation exactly where the request is
 * meant to break the contract. Malformed JSON, which Prism does not forward, goes straight to the service.
 */
@QuarkusTest
class PrismReplayTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String ADMIN = TestTokens.jwt("adam", WORKSPACE, "admin");
    private static final String INTROSPECTOR = TestTokens.jwt("scim-server", "system", "token_introspector");
    private static final String TOKEN = "/api/v1/workspaces/acme/scim-token";
    private static final String VERIFICATIONS = TOKEN + "/verifications";
    private static final String UNKNOWN_ID = "82465604-ec8d-4b36-b7bc-e349e1a56b24";
    private static final String INTROSPECT = "/api/v1/scim-tokens/introspect";

    private PrismProxy prism;
    /** HTTP/1.1: the default HTTP/2 upgrade headers would be forwarded by Prism and stall the service's answer. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> replayed = new ArrayList<>();

    @Test
    void theQuickstartAndItsErrorsConformToTheContract() throws Exception {
        assumeTrue(Files.isExecutable(PrismProxy.executable()) || System.getenv("CI") != null,
                "Prism is not installed (.ci/run installs it into .tools)");
        try (PrismProxy started = PrismProxy.start("http://127.0.0.1:" + RestAssured.port)) {
            prism = started;
            replay();
        }
    }

    private void replay() throws Exception {
        TestPhone phone = new TestPhone();
        exchange("GET", TOKEN, OWNER, null, 200);
        JsonNode device = exchange("POST", "/api/v1/me/devices", OWNER, json(json.writeValueAsString(
                Map.of("name", "Alice's phone", "publicKey", phone.publicJwk()))), 201);
        phone.enrolledAs(device.path("id").asText());
        exchange("GET", "/api/v1/me/devices", OWNER, null, 200);

        String reveal = approvedPush(phone, "reveal");
        exchange("POST", TOKEN + "/reveal", ADMIN, json("{\"verificationId\":\"" + reveal + "\"}"), 403);
        String token = exchange("POST", TOKEN + "/reveal", OWNER, json("{\"verificationId\":\"" + reveal + "\"}"), 200)
                .path("token").asText();
        exchange("POST", TOKEN + "/reveal", OWNER, json("{\"verificationId\":\"" + reveal + "\"}"), 409);
        exchange("GET", TOKEN, ADMIN, null, 200);
        exchange("POST", INTROSPECT, INTROSPECTOR, form("token=" + token), 200);
        exchange("POST", INTROSPECT, INTROSPECTOR, json("{\"token\":\"" + token + "\"}"), 200);
        exchange("POST", INTROSPECT, INTROSPECTOR, form("token=scim_unknown"), 200);
        exchange("POST", INTROSPECT, OWNER, form("token=" + token), 403);

        String rotate = approvedPush(phone, "rotate");
        exchange("POST", TOKEN + "/rotate", OWNER,
                json("{\"verificationId\":\"" + rotate + "\",\"gracePeriodSeconds\":3600}"), 200);
        exchange("GET", TOKEN, OWNER, null, 200);
        exchange("POST", TOKEN + "/rotate", ADMIN, json("{\"verificationId\":\"" + rotate + "\"}"), 403);
        String revoke = approvedPush(phone, "revoke");
        exchange("POST", TOKEN + "/revoke", OWNER, json("{\"verificationId\":\"" + revoke + "\"}"), 204);
        exchange("GET", TOKEN, OWNER, null, 200);
        exchange("POST", TOKEN + "/reveal", OWNER, json("{\"verificationId\":\"" + approvedPush(phone, "reveal")
                + "\"}"), 409);

        String factors = approvedPush(phone, "manage_factors");
        String secret = exchange("POST", "/api/v1/me/totp", OWNER, json("{\"verificationId\":\"" + factors + "\"}"),
                201).path("secret").asText();
        TestAuthenticator authenticator = TestAuthenticator.withSecret(secret, clock);
        exchange("POST", "/api/v1/me/totp/confirm", OWNER, json("{\"code\":\"" + authenticator.wrongCode() + "\"}"),
                400);
        exchange("POST", "/api/v1/me/totp/confirm", OWNER, json("{\"code\":\"" + authenticator.code() + "\"}"), 200);
        clock.advance(Duration.ofSeconds(30));
        String totp = exchange("POST", VERIFICATIONS, OWNER, json("{\"method\":\"totp\"}"), 201).path("id").asText();
        exchange("POST", VERIFICATIONS + "/" + totp + "/code", OWNER,
                json("{\"code\":\"" + authenticator.wrongCode() + "\"}"), 400);
        exchange("POST", VERIFICATIONS + "/" + totp + "/code", OWNER,
                json("{\"code\":\"" + authenticator.code() + "\"}"), 200);
        exchange("POST", VERIFICATIONS + "/" + totp + "/code", OWNER,
                json("{\"code\":\"" + authenticator.code() + "\"}"), 409);

        String cancelled = exchange("POST", VERIFICATIONS, OWNER, json("{}"), 201).path("id").asText();
        exchange("GET", VERIFICATIONS + "/" + cancelled + "?waitSeconds=1", OWNER, null, 200);
        exchange("DELETE", VERIFICATIONS + "/" + cancelled, OWNER, null, 204);
        exchange("DELETE", VERIFICATIONS + "/" + cancelled, OWNER, null, 409);
        exchange("GET", VERIFICATIONS + "/" + UNKNOWN_ID, OWNER, null, 404);
        exchange("DELETE", "/api/v1/me/devices/" + phone.deviceId(), OWNER, null, 403);

        JsonNode page = exchange("GET", "/api/v1/workspaces/acme/audit-events?limit=5", OWNER, null, 200);
        exchange("GET", "/api/v1/workspaces/acme/audit-events?limit=5&cursor=" + page.path("nextCursor").asText(),
                OWNER, null, 200);
        exchange("GET", "/api/v1/workspaces/acme/audit-events?type=scim_token.revealed", OWNER, null, 200);
        exchange("GET", "/api/v1/me/security-events", OWNER, null, 200);
        exchange("GET", "/api/v1/me/security-events?kind=refusals", OWNER, null, 200);
        exchange("GET", "/api/v1/workspaces/globex/scim-token", OWNER, null, 403);
        exchange("GET", TOKEN, TestTokens.expired("olivia", WORKSPACE, "owner"), null, 401);

        for (int started = 0; started < 3; started++) {
            exchange("POST", VERIFICATIONS, OWNER, json("{}"), 201);
        }
        exchange("POST", VERIFICATIONS, OWNER, json("{}"), 429);
        exchange("GET", "/api/v1/me/verifications", OWNER, null, 200);

        invalidExchange("GET", TOKEN, null, null, 401);
        invalidExchange("POST", VERIFICATIONS, OWNER, json("{\"method\":\"PUSH\"}"), 400);
        invalidExchange("POST", VERIFICATIONS + "/" + totp + "/code", OWNER, json("{\"code\":123456}"), 400);
        invalidExchange("POST", TOKEN + "/rotate", OWNER,
                json("{\"verificationId\":\"" + UNKNOWN_ID + "\",\"gracePeriodSeconds\":\"3600\"}"), 400);
        invalidExchange("GET", VERIFICATIONS + "/" + UNKNOWN_ID + "?waitSeconds=26", OWNER, null, 400);
        invalidExchange("GET", "/api/v1/workspaces/b@d/scim-token", OWNER, null, 400);
        invalidExchange("POST", INTROSPECT, INTROSPECTOR, form("token=" + "a".repeat(3000)), 400);
        invalidExchange("POST", "/api/v1/me/devices", OWNER,
                json("{\"name\":\"" + "x".repeat(70 * 1024) + "\"}"), 413);
        invalidExchange("POST", TOKEN + "/reveal", OWNER,
                new Body("text/plain", "verificationId=" + UNKNOWN_ID), 415);
        invalidExchange("PUT", TOKEN, OWNER, null, 405);
        exchange("GET", TOKEN, OWNER, null, "application/xml", 406, false);

        assertProblem(given().auth().oauth2(OWNER).contentType(ContentType.JSON).body("{\"method\": ")
                .when().post(VERIFICATIONS).then(), 400, "malformed_json", VERIFICATIONS);
        assertTrue(replayed.size() >= 50, "replayed " + replayed.size());
    }

    /** A push verification for the action, approved on the phone through Prism: answers its id. */
    private String approvedPush(TestPhone phone, String action) throws Exception {
        JsonNode started = exchange("POST", VERIFICATIONS, OWNER, json("{\"action\":\"" + action + "\"}"), 201);
        String id = started.path("id").asText();
        exchange("GET", VERIFICATIONS + "/" + id, OWNER, null, 200);
        exchange("GET", "/api/v1/me/verifications", OWNER, null, 200);
        String assertion = phone.assertion(id, "approve", started.path("numberChallenge").asInt(), Instant.now());
        exchange("POST", "/api/v1/me/verifications/" + id + "/decision", OWNER,
                json("{\"assertion\":\"" + assertion + "\"}"), 200);
        exchange("POST", "/api/v1/me/verifications/" + id + "/decision", OWNER,
                json("{\"assertion\":\"" + assertion + "\"}"), 409);
        return id;
    }

    private record Body(String contentType, String content) {
    }

    private static Body json(String content) {
        return new Body("application/json", content);
    }

    private static Body form(String content) {
        return new Body("application/x-www-form-urlencoded", content);
    }

    private JsonNode exchange(String method, String path, String jwt, Body body, int status) throws Exception {
        return exchange(method, path, jwt, body, "application/json, application/problem+json", status, false);
    }

    /** An exchange whose request breaks the contract on purpose: Prism must say so, and the answer conform. */
    private void invalidExchange(String method, String path, String jwt, Body body, int status) throws Exception {
        exchange(method, path, jwt, body, "application/json, application/problem+json", status, true);
    }

    private JsonNode exchange(String method, String path, String jwt, Body body, String accept, int status,
            boolean invalidRequest) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prism.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.content()));
        if (body != null) {
            request.header("Content-Type", body.contentType());
        }
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String exchange = method + " " + path.substring(0, Math.min(path.length(), 120)) + " -> " + answer.statusCode();
        replayed.add(exchange);
        assertEquals(status, answer.statusCode(), exchange + ": " + answer.body());
        JsonNode violations = json.readTree(answer.headers().firstValue("sl-violations").orElse("[]"));
        List<JsonNode> responseViolations = new ArrayList<>();
        List<JsonNode> requestViolations = new ArrayList<>();
        violations.forEach(violation -> (violation.path("location").path(0).asText().equals("response")
                ? responseViolations : requestViolations).add(violation));
        assertTrue(responseViolations.isEmpty(), exchange + " answered against the contract: " + responseViolations);
        assertEquals(invalidRequest, !requestViolations.isEmpty(), exchange + " request violations: "
                + requestViolations);
        return answer.body().isEmpty() ? json.nullNode() : json.readTree(answer.body());
    }
}
