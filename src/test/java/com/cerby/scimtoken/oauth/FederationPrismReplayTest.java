package com.cerby.scimtoken.oauth;

import static com.cerby.scimtoken.support.Flows.approved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.PrismProxy;
import com.cerby.scimtoken.support.TestFederatedIssuer;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OAuth clients with a federated credential and the token endpoint's client assertions, replayed through Stoplight
 * Prism's validation proxy: every answer must conform to openapi.yaml, and no request may break it.
 */
@QuarkusTest
class FederationPrismReplayTest extends DatabaseTest {

    private static final String WORKSPACE = "acme";
    private static final String OWNER = TestTokens.jwt("olivia", WORKSPACE, "owner");
    private static final String INTROSPECTOR = TestTokens.jwt("scim-server", "system", "token_introspector");
    private static final String CLIENTS = "/api/v1/workspaces/" + WORKSPACE + "/scim-clients";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private PrismProxy prism;

    @Test
    void federatedCredentialsAndClientAssertionsConformToTheContract() throws Exception {
        assumeTrue(Files.isExecutable(PrismProxy.executable()) || System.getenv("CI") != null,
                "Prism is not installed (.ci/run installs it into .tools)");
        TestPhone phone = TestPhone.enrolledFor(OWNER);
        TestFederatedIssuer.Tenant tenant = TestFederatedIssuer.get().newTenant();
        String subject = UUID.randomUUID().toString();
        String audience = "api://" + UUID.randomUUID();
        try (PrismProxy started = PrismProxy.start("http://127.0.0.1:" + RestAssured.port)) {
            prism = started;
            String clientId = exchange("POST", CLIENTS, OWNER, "application/json", "{\"name\":\"Entra ID\","
                    + "\"verificationId\":\"" + approved(OWNER, WORKSPACE, phone, "manage_clients") + "\"}", 201)
                    .path("clientId").asText();
            String credentials = CLIENTS + "/" + clientId + "/federated-credentials";
            String credentialId = exchange("POST", credentials, OWNER, "application/json", "{\"issuer\":\""
                    + tenant.issuer() + "\",\"subject\":\"" + subject + "\",\"audience\":\"" + audience
                    + "\",\"verificationId\":\"" + approved(OWNER, WORKSPACE, phone, "manage_clients") + "\"}", 201)
                    .path("credentialId").asText();
            exchange("POST", credentials, OWNER, "application/json", "{\"issuer\":\"" + tenant.issuer()
                    + "\",\"subject\":\"" + UUID.randomUUID() + "\",\"verificationId\":\""
                    + approved(OWNER, WORKSPACE, phone, "manage_clients") + "\"}", 201);
            exchange("POST", credentials, OWNER, "application/json", "{\"issuer\":\"" + tenant.issuer()
                    + "\",\"subject\":\"" + subject + "\",\"verificationId\":\""
                    + approved(OWNER, WORKSPACE, phone, "manage_clients") + "\"}", 409);
            exchange("POST", credentials, OWNER, "application/json", "{\"issuer\":\"ftp://example.com\","
                    + "\"subject\":\"" + subject + "\",\"verificationId\":\"" + UUID.randomUUID() + "\"}", 400);
            exchange("GET", CLIENTS, OWNER, null, null, 200);

            String assertion = tenant.sign(tenant.claims(subject, audience, clock.instant()));
            String form = "grant_type=client_credentials&scope=scim&client_id=" + clientId
                    + "&client_assertion_type=" + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8)
                    + "&client_assertion=" + assertion;
            String accessToken = exchange("POST", "/oauth2/token", null, "application/x-www-form-urlencoded", form,
                    200).path("access_token").asText();
            exchange("POST", "/oauth2/token", null, "application/x-www-form-urlencoded", form, 401);
            exchange("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&client_assertion_type=x&client_assertion=" + assertion, 400);
            exchange("GET", "/.well-known/oauth-authorization-server", null, null, null, 200);
            exchange("POST", "/api/v1/scim-tokens/introspect", INTROSPECTOR, "application/x-www-form-urlencoded",
                    "token=" + accessToken, 200);

            String credential = credentials + "/" + credentialId + "?verificationId="
                    + approved(OWNER, WORKSPACE, phone, "manage_clients");
            exchange("DELETE", credential, OWNER, null, null, 204);
            exchange("DELETE", credentials + "/" + credentialId + "?verificationId="
                    + approved(OWNER, WORKSPACE, phone, "manage_clients"), OWNER, null, null, 404);
        }
    }

    private JsonNode exchange(String method, String path, String jwt, String contentType, String body, int status)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prism.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String exchange = method + " " + path.substring(0, Math.min(path.length(), 120)) + " -> "
                + answer.statusCode();
        assertEquals(status, answer.statusCode(), exchange + ": " + answer.body());
        JsonNode violations = json.readTree(answer.headers().firstValue("sl-violations").orElse("[]"));
        List<JsonNode> found = new ArrayList<>();
        violations.forEach(found::add);
        assertTrue(found.isEmpty(), exchange + " violates the contract: " + found);
        return answer.body().isEmpty() ? json.nullNode() : json.readTree(answer.body());
    }
}
