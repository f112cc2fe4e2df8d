package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.local.EmbeddedDatabase;
import com.cerby.scimtoken.support.GitHubSecretScanning;
import com.cerby.scimtoken.support.ServiceProcess;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of the packaged service on one PostgreSQL, as behind a load balancer. */
class ScaleOutIT {

    private static final String WORKSPACE = "acme";
    /** Each test has an owner and workspace of its own: a revocation in one must not stop the other's reveal. */
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String OTHER_WORKSPACE = "globex";
    private static final String OTHER_OWNER = TestTokens.jwt("oscar", OTHER_WORKSPACE, "owner");
    private static final String INTROSPECTOR = TestTokens.jwt("scim-server", "system", "token_introspector");

    private static final GitHubSecretScanning GITHUB = new GitHubSecretScanning();
    private static EmbeddedDatabase database;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        database = EmbeddedDatabase.startThrowaway();
        List<String> settings = new java.util.ArrayList<>(
                ServiceProcess.productionSettings(database, ServiceProcess.ENCRYPTION_KEYS));
        GITHUB.start();
        settings.add("-Dscim-token.leak-reports.github.keys-url=" + GITHUB.keysUrl());
        first = ServiceProcess.start("scale-1", settings);
        first.awaitReady(Duration.ofSeconds(60));
        second = ServiceProcess.start("scale-2", settings);
        second.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopThem() throws Exception {
        for (ServiceProcess instance : new ServiceProcess[] { first, second }) {
            if (instance != null) {
                instance.close();
            }
        }
        database.stop();
        GITHUB.stop();
    }

    @Test
    void aVerificationStartedOnOneInstanceIsApprovedAndRevealedThroughTheOther() throws Exception {
        TestPhone phone = enroll(first, OWNER);
        JsonNode started = call(first, "POST", "/api/v1/workspaces/acme/scim-token/verifications", OWNER, "{}", 201);
        String id = started.path("id").asText();

        JsonNode waiting = call(second, "GET", "/api/v1/me/verifications", OWNER, null, 200);
        assertEquals(id, waiting.path("items").path(0).path("id").asText());
        decide(second, phone, OWNER, id, started.path("numberChallenge").asInt());
        assertEquals("approved", call(first, "GET", "/api/v1/workspaces/acme/scim-token/verifications/" + id, OWNER,
                null, 200).path("status").asText());
        JsonNode revealed = call(second, "POST", "/api/v1/workspaces/acme/scim-token/reveal", OWNER,
                "{\"verificationId\":\"" + id + "\"}", 200);

        assertTrue(revealed.path("token").asText().startsWith("scim_"));
        call(first, "POST", "/api/v1/workspaces/acme/scim-token/reveal", OWNER, "{\"verificationId\":\"" + id + "\"}",
                409);
    }

    @Test
    void aRevocationOnOneInstanceIsSeenByIntrospectionOnTheOtherWithinOneSecond() throws Exception {
        TestPhone phone = enroll(first, OTHER_OWNER);
        String token = call(first, "POST", "/api/v1/workspaces/globex/scim-token/reveal", OTHER_OWNER,
                "{\"verificationId\":\"" + approved(first, phone, OTHER_OWNER, "reveal") + "\"}", 200).path("token").asText();
        assertTrue(introspect(second, token), "the other instance knows the token (and caches it)");
        assertTrue(introspect(second, token));

        String revocation = approved(first, phone, OTHER_OWNER, "revoke");
        call(first, "POST", "/api/v1/workspaces/globex/scim-token/revoke", OTHER_OWNER,
                "{\"verificationId\":\"" + revocation + "\"}", 204);
        Instant revokedAt = Instant.now();

        boolean active = true;
        while (active && Duration.between(revokedAt, Instant.now()).compareTo(Duration.ofSeconds(1)) < 0) {
            active = introspect(second, token);
        }
        assertEquals(false, active, "the other instance still accepted the token one second after the revocation");
        assertEquals(false, introspect(first, token));
    }

    @Test
    void aTokenReportedAsLeakedOnOneInstanceIsInactiveOnTheOtherWithinOneSecond() throws Exception {
        String owner = TestTokens.jwt("leo", "initech", "owner");
        TestPhone phone = new TestPhone();
        phone.enrolledAs(call(first, "POST", "/api/v1/me/devices", owner,
                json.writeValueAsString(Map.of("name", "phone", "publicKey", phone.publicJwk())), 201).path("id")
                .asText());
        JsonNode started = call(first, "POST", "/api/v1/workspaces/initech/scim-token/verifications", owner, "{}", 201);
        decide(first, phone, owner, started.path("id").asText(), started.path("numberChallenge").asInt());
        String token = call(first, "POST", "/api/v1/workspaces/initech/scim-token/reveal", owner,
                "{\"verificationId\":\"" + started.path("id").asText() + "\"}", 200).path("token").asText();
        assertTrue(introspect(second, token), "the other instance knows the token (and caches it)");

        String report = "[{\"token\":\"" + token + "\",\"type\":\"cerby_scim_token\",\"url\":\"https://example.test\","
                + "\"source\":\"content\"}]";
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(first.baseUrl() + "/api/v1/scim-tokens/leak-reports"))
                .header("Content-Type", "application/json")
                .header("Github-Public-Key-Identifier", "github-key-1")
                .header("Github-Public-Key-Signature", GITHUB.sign(report, "github-key-1"))
                .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        Instant reportedAt = Instant.now();

        boolean active = true;
        while (active && Duration.between(reportedAt, Instant.now()).compareTo(Duration.ofSeconds(1)) < 0) {
            active = introspect(second, token);
        }
        assertEquals(false, active, "the other instance still accepted the token one second after the report");
    }

    private TestPhone enroll(ServiceProcess instance, String owner) throws Exception {
        TestPhone phone = new TestPhone();
        String body = json.writeValueAsString(Map.of("name", "phone", "publicKey", phone.publicJwk()));
        return phone.enrolledAs(call(instance, "POST", "/api/v1/me/devices", owner, body, 201).path("id").asText());
    }

    private String approved(ServiceProcess instance, TestPhone phone, String owner, String action) throws Exception {
        String workspace = owner.equals(OWNER) ? WORKSPACE : OTHER_WORKSPACE;
        JsonNode started = call(instance, "POST", "/api/v1/workspaces/" + workspace + "/scim-token/verifications", owner,
                "{\"action\":\"" + action + "\"}", 201);
        decide(instance, phone, owner, started.path("id").asText(), started.path("numberChallenge").asInt());
        return started.path("id").asText();
    }

    private void decide(ServiceProcess instance, TestPhone phone, String owner, String id, int number)
            throws Exception {
        String assertion = phone.assertion(id, "approve", number, Instant.now());
        assertEquals("approved", call(instance, "POST", "/api/v1/me/verifications/" + id + "/decision", owner,
                "{\"assertion\":\"" + assertion + "\"}", 200).path("status").asText());
    }

    private boolean introspect(ServiceProcess instance, String token) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(instance.baseUrl() + "/api/v1/scim-tokens/introspect"))
                .header("Authorization", "Bearer " + INTROSPECTOR)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return json.readTree(answer.body()).path("active").asBoolean();
    }

    private JsonNode call(ServiceProcess instance, String method, String path, String jwt, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Bearer " + jwt)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, answer.statusCode(), method + " " + path + ": " + answer.body());
        return answer.body().isEmpty() ? json.createObjectNode() : json.readTree(answer.body());
    }
}
