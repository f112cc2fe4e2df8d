package com.cerby.scimtoken.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls one instance of the packaged service (a {@link ServiceProcess}) over HTTP, as the web app, the phone and the
 * SCIM server do, for tests that run the jar. Every call gives up after 30 s, so that a service that never answers
 * fails the test instead of hanging it.
 */
public final class ServiceClient {

    public static final String INTROSPECTOR = TestTokens.jwt("scim-server", "system", "token_introspector");
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    public ServiceClient(ServiceProcess instance) {
        this.baseUrl = instance.baseUrl();
    }

    /** An answer: its status, headers, body (an empty object when there is none) and how long it took. */
    public record Answer(int status, HttpHeaders headers, JsonNode body, Duration took) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** Sends a request (with a JSON body unless null) and answers whatever came back. */
    public Answer send(String method, String path, String jwt, String body) {
        return sendAsync(method, path, jwt, body).join();
    }

    public CompletableFuture<Answer> sendAsync(String method, String path, String jwt, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(GIVE_UP)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    /** Posts a JSON body without a JWT, with the given headers, as a webhook sender does. */
    public Answer post(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(GIVE_UP)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build()).join();
    }

    /** Posts a form without a JWT, as an OAuth client posts to the token endpoint. */
    public Answer postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(GIVE_UP)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).join();
    }

        /** Sends a request and answers its JSON body, failing unless the status is the expected one. */
    public JsonNode call(String method, String path, String jwt, String body, int expectedStatus) {
        Answer answer = send(method, path, jwt, body);
        assertEquals(expectedStatus, answer.status(), method + " " + path + ": " + answer.body());
        return answer.body();
    }

    /** The SCIM server's introspection of a presented token. */
    public Answer introspect(String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/scim-tokens/introspect")).timeout(GIVE_UP)
                .header("Authorization", "Bearer " + INTROSPECTOR)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build()).join();
    }

    /** Whether introspection answers the token active; fails unless it answers 200. */
    public boolean isActive(String token) {
        Answer answer = introspect(token);
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body().path("active").asBoolean();
    }

    /** Enrolls a new phone as the owner's first factor, with a push token when one is given. */
    public TestPhone enroll(String owner, String pushToken) {
        TestPhone phone = new TestPhone();
        Map<String, Object> body = new HashMap<>(Map.of("name", "phone", "publicKey", phone.publicJwk()));
        if (pushToken != null) {
            body.put("pushToken", pushToken);
        }
        return phone.enrolledAs(call("POST", "/api/v1/me/devices", owner, write(body), 201).path("id").asText());
    }

    /** Starts a push verification of the action and answers the service's view of it. */
    public JsonNode startVerification(String owner, String workspaceId, String action) {
        return call("POST", "/api/v1/workspaces/" + workspaceId + "/scim-token/verifications", owner,
                "{\"action\":\"" + action + "\"}", 201);
    }

    /** The phone approves a started push verification with the number the web app shows. */
    public void approve(TestPhone phone, String owner, JsonNode started) {
        String id = started.path("id").asText();
        String assertion = phone.assertion(id, "approve", started.path("numberChallenge").asInt(), Instant.now());
        assertEquals("approved", call("POST", "/api/v1/me/verifications/" + id + "/decision", owner,
                "{\"assertion\":\"" + assertion + "\"}", 200).path("status").asText());
    }

    /** Starts a push verification of the action and approves it; answers its id. */
    public String approved(TestPhone phone, String owner, String workspaceId, String action) {
        JsonNode started = startVerification(owner, workspaceId, action);
        approve(phone, owner, started);
        return started.path("id").asText();
    }

    /** Reveals the workspace's token with an approved reveal verification. */
    public String reveal(TestPhone phone, String owner, String workspaceId) {
        return call("POST", "/api/v1/workspaces/" + workspaceId + "/scim-token/reveal", owner,
                "{\"verificationId\":\"" + approved(phone, owner, workspaceId, "reveal") + "\"}", 200)
                .path("token").asText();
    }

    private CompletableFuture<Answer> send(HttpRequest request) {
        Instant sent = Instant.now();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> new Answer(
                response.statusCode(), response.headers(), read(response.body()),
                Duration.between(sent, Instant.now())));
    }

    private JsonNode read(String body) {
        try {
            return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + body, e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
