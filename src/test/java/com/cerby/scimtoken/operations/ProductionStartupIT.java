package com.cerby.scimtoken.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.local.EmbeddedDatabase;
import com.cerby.scimtoken.support.ServiceProcess;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged jar in production mode (the default profile), as an operator runs it. */
class ProductionStartupIT {

    private static final String DATABASE_MESSAGE = "Database: set QUARKUS_DATASOURCE_JDBC_URL";
    private static final String JWT_MESSAGE = "JWT verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION";
    private static final String ISSUER_MESSAGE = "JWT issuer: set MP_JWT_VERIFY_ISSUER";
    private static final String ENCRYPTION_MESSAGE = "Token encryption key: set SCIM_TOKEN_ENCRYPTION_KEYS";

    @Test
    void withoutSettingsItRefusesToStartWithOneJsonLogLineNamingEachMissingSetting() throws Exception {
        ServiceProcess service = refusedStart("prod-empty", List.of());

        List<JsonNode> lines = service.logSince(0);
        assertEquals(1, lines.size(), "one log line and nothing else, no stack trace:\n" + service.output());
        JsonNode line = lines.get(0);
        assertEquals("ERROR", line.path("level").asText());
        assertEquals("scim-token-service", line.path("service").asText());
        assertTrue(line.has("timestamp") && line.has("loggerName"), line.toString());
        assertFalse(line.has("exception") || line.has("stackTrace"), line.toString());
        String message = line.path("message").asText();
        assertTrue(message.contains(DATABASE_MESSAGE), message);
        assertTrue(message.contains(JWT_MESSAGE), message);
        assertTrue(message.contains(ISSUER_MESSAGE), message);
        assertTrue(message.contains(ENCRYPTION_MESSAGE), message);
    }

    @Test
    void aCustomProfileIsCheckedLikeProduction() throws Exception {
        ServiceProcess service = refusedStart("staging-empty", List.of("-Dquarkus.profile=staging"));

        List<JsonNode> lines = service.logSince(0);
        assertEquals(1, lines.size(), "one log line and nothing else, no stack trace:\n" + service.output());
        String message = lines.get(0).path("message").asText();
        assertTrue(message.contains("(profile staging)"), message);
        assertTrue(message.contains(DATABASE_MESSAGE), message);
        assertTrue(message.contains(ISSUER_MESSAGE), message);
    }

    @Test
    void onlyTheSettingsThatAreMissingAreNamed() throws Exception {
        String output = outputOfRefusedStart("prod-partial", List.of(
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:1/none",
                ServiceProcess.ENCRYPTION_KEYS));

        assertFalse(output.contains(DATABASE_MESSAGE), output);
        assertTrue(output.contains(JWT_MESSAGE), output);
        assertTrue(output.contains(ISSUER_MESSAGE), output);
        assertFalse(output.contains(ENCRYPTION_MESSAGE), output);
    }

    @Test
    void aVerificationKeyWithoutAnIssuerIsRefused() throws Exception {
        String output = outputOfRefusedStart("prod-no-issuer", List.of(
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://localhost:1/none",
                "-Dmp.jwt.verify.publickey.location=/nonexistent.pem", ServiceProcess.ENCRYPTION_KEYS));

        assertFalse(output.contains(JWT_MESSAGE), output);
        assertTrue(output.contains(ISSUER_MESSAGE), output);
    }

    @Test
    void anInvalidEncryptionKeyIsRefusedWithoutShowingIt() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.startThrowaway();
        try {
            String output = outputOfRefusedStart("prod-bad-key",
                    ServiceProcess.productionSettings(database, "-Dscim-token.encryption.keys=prod-1:c2hvcnQta2V5"));

            assertTrue(output.contains("key 'prod-1') must be 32 bytes for AES-256"), output);
            assertFalse(output.contains("c2hvcnQta2V5"), output);
        } finally {
            database.stop();
        }
    }

    @Test
    void withAllSettingsItServesTheApiAndLogsJsonLines() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.startThrowaway();
        try (ServiceProcess service = ServiceProcess.start("prod",
                ServiceProcess.productionSettings(database, ServiceProcess.ENCRYPTION_KEYS))) {
            service.awaitReady(Duration.ofSeconds(60));
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/api/v1/workspaces/acme/scim-token"))
                    .header("Authorization", "Bearer " + TestTokens.jwt("alice", "acme", "owner"))
                    .header("X-Request-Id", "prod-check-1").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metadata.statusCode(), metadata.body());
            assertEquals("prod-check-1", metadata.headers().firstValue("X-Request-Id").orElseThrow());

            HttpResponse<String> mint = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/local/jwt"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"x\",\"workspaceId\":\"acme\",\"roles\":[\"owner\"]}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, mint.statusCode(), "local JWT minting must not exist in production");
            HttpResponse<String> console = http.send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/console/console.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, console.statusCode(), "the console is off unless scim-token.console.enabled");
            HttpResponse<String> oauthMetadata = http.send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/.well-known/oauth-authorization-server")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, oauthMetadata.statusCode(), "OAuth is off without scim-token.oauth.issuer");
            assertEquals("not_found", new ObjectMapper().readTree(oauthMetadata.body()).path("code").asText());
            HttpResponse<String> oauthToken = http.send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/oauth2/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=x&client_secret=y"))
                    .header("Content-Type", "application/x-www-form-urlencoded").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, oauthToken.statusCode(), oauthToken.body());

            // The probe paths of deploy/kubernetes (DeploymentManifestsTest) on the API port, each answering UP.
            for (String probe : List.of("/q/health/started", "/q/health/live", "/q/health/ready")) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + probe))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), probe + ": " + health.body());
                assertEquals("UP", new ObjectMapper().readTree(health.body()).path("status").asText(), probe);
            }

            ObjectMapper json = new ObjectMapper();
            // Complete lines only: the access log line of the last request may be under way.
            String output = service.output();
            List<String> lines = output.substring(0, output.lastIndexOf('\n') + 1).lines()
                    .filter(line -> line.startsWith("{")).toList();
            assertFalse(lines.isEmpty(), service.output());
            for (String line : lines) {
                JsonNode entry = json.readTree(line);
                assertTrue(entry.has("message") && entry.has("level") && entry.has("timestamp"), line);
            }
            assertTrue(lines.stream().anyMatch(line -> line.contains("request-id=prod-check-1")),
                    "the access log line of the request carries its request id:\n" + service.output());
            assertFalse(service.output().contains("LOCAL MODE"));
        } finally {
            database.stop();
        }
    }


    private static String outputOfRefusedStart(String name, List<String> systemProperties) throws Exception {
        return refusedStart(name, systemProperties).output();
    }

    /** Starts the service, which must exit with a non-zero code; its output stays readable. */
    private static ServiceProcess refusedStart(String name, List<String> systemProperties) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(name, systemProperties)) {
            assertNotEquals(0, service.awaitExit(Duration.ofSeconds(60)), "the service must refuse to start");
            return service;
        }
    }
}
