package com.cerby.scimtoken.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.Eventually;
import com.cerby.scimtoken.support.ServiceClient;
import com.cerby.scimtoken.support.ServiceProcess;
import com.cerby.scimtoken.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command: the packaged jar in the local profile, on a machine without a PostgreSQL server. */
class LocalModeIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path workDirectory;

    @Test
    void startsWithAnEmbeddedDatabaseMintsJwtsAndKeepsItsDataAcrossAKill() throws Exception {
        Path dataDirectory = workDirectory.resolve("local-data");
        List<String> localMode = List.of("-Dquarkus.profile=local", "-Dscim-token.local.data-dir=" + dataDirectory);
        String jwt;
        FileTime databaseCreated;
        String encryptionKeys;

        ServiceProcess first = ServiceProcess.start("local-1", localMode);
        try {
            Duration startup = first.awaitReady(Duration.ofSeconds(60));
            assertTrue(startup.compareTo(Duration.ofSeconds(60)) < 0);
            assertTrue(first.output().contains("LOCAL MODE - NOT FOR PRODUCTION"), first.output());

            jwt = mint(first, "{\"sub\":\"alice\",\"workspaceId\":\"acme\",\"roles\":[\"owner\"],\"email\":\"a@x.test\"}");
            HttpResponse<String> metadata = metadata(first, jwt);
            assertEquals(200, metadata.statusCode(), metadata.body());
            assertFalse(json.readTree(metadata.body()).path("exists").asBoolean(true));

            HttpResponse<String> badMint = post(first, "/local/jwt", null, "{\"sub\":\"a b\",\"roles\":[]}");
            assertEquals(400, badMint.statusCode());
            assertEquals("validation_failed", json.readTree(badMint.body()).path("code").asText());

            String mintRequest = "{\"sub\":\"mallory\",\"workspaceId\":\"acme\",\"roles\":[\"owner\"]}";
            int port = URI.create(first.baseUrl()).getPort();
            assertTrue(rawStatusLine(first, "POST /local/jwt", "rebind.attacker.example:" + port, "application/json",
                    mintRequest).contains(" 403 "), "a request addressed to another host name is refused");
            assertTrue(rawStatusLine(first, "POST /local/jwt", "localhost:" + port, "text/plain", mintRequest)
                    .contains(" 415 "), "a body a browser sends cross-site without a preflight is refused");
            assertTrue(rawStatusLine(first, "POST /local/jwt", "[::1]:" + port, "application/json; charset=utf-8",
                    mintRequest).contains(" 200 "));
            assertTrue(rawStatusLine(first, "GET /console/phone.html", "rebind.attacker.example", null, null)
                    .contains(" 403 "), "local pages answer only requests addressed to this machine");
            assertTrue(rawStatusLine(first, "GET /console/phone.html", "127.0.0.1:" + port, null, null)
                    .contains(" 200 "));

            Path keys = dataDirectory.resolve("keys");
            JsonNode claims = json.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            assertTrue(Math.abs(claims.path("auth_time").asLong() - claims.path("iat").asLong()) <= 1,
                    "a local JWT says the user has just signed in: " + claims);
            for (String file : List.of("jwt-signing-key.pem", "jwt-verification-key.pem", "encryption-keys",
                    "database-password")) {
                assertEquals("rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file))), file);
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory)));
            encryptionKeys = Files.readString(keys.resolve("encryption-keys"));
            databaseCreated = Files.getLastModifiedTime(dataDirectory.resolve("postgres").resolve("PG_VERSION"));
            assertFalse(first.output().contains(jwt.substring(jwt.lastIndexOf('.') + 1)), "the JWT was logged");
        } finally {
            first.kill();
        }

        try (ServiceProcess second = ServiceProcess.start("local-2", localMode)) {
            second.awaitReady(Duration.ofSeconds(60));
            assertEquals(200, metadata(second, jwt).statusCode(), "a JWT of the first run is still valid");
            assertEquals(encryptionKeys, Files.readString(dataDirectory.resolve("keys").resolve("encryption-keys")));
            assertEquals(databaseCreated,
                    Files.getLastModifiedTime(dataDirectory.resolve("postgres").resolve("PG_VERSION")),
                    "the database was kept, not created again");
        }
        assertFalse(Files.exists(dataDirectory.resolve("postgres").resolve("postmaster.pid")),
                "a clean shutdown stops the embedded PostgreSQL");
    }

    @Test
    void localModeRefusesToListenBeyondThisMachine() throws Exception {
        for (String host : List.of("-Dquarkus.http.host=0.0.0.0", "-Dquarkus.management.host=0.0.0.0")) {
            try (ServiceProcess service = ServiceProcess.start("local-exposed", List.of("-Dquarkus.profile=local",
                    "-Dscim-token.local.data-dir=" + workDirectory.resolve("exposed-data"), host))) {
                assertTrue(service.awaitExit(Duration.ofSeconds(60)) != 0, "local mode started on " + host);
                assertTrue(service.output().contains("Local mode listens on the loopback interface only"),
                        service.output());
            }
        }
        assertFalse(Files.exists(workDirectory.resolve("exposed-data").resolve("postgres")),
                "no database was started");
    }

    @Test
    void theStandardJwtSettingsOverrideTheLocalKeyAndIssuer() throws Exception {
        String testKey = Path.of("target", "test-classes", "jwt", "publicKey.pem").toAbsolutePath().toString();
        try (ServiceProcess service = ServiceProcess.start("local-override", List.of("-Dquarkus.profile=local",
                "-Dscim-token.local.data-dir=" + workDirectory.resolve("override-data"),
                "-Dmp.jwt.verify.publickey.location=" + testKey,
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER))) {
            service.awaitReady(Duration.ofSeconds(60));

            assertEquals(200, metadata(service, TestTokens.jwt("alice", "acme", "owner")).statusCode());
            String locallyMinted = mint(service, "{\"sub\":\"alice\",\"workspaceId\":\"acme\",\"roles\":[\"owner\"]}");
            assertEquals(401, metadata(service, locallyMinted).statusCode(), "the local key no longer verifies");
        }
    }

    @Test
    void onSigtermWaitingLongPollsAreAnsweredBeforeTheEmbeddedDatabaseStops() throws Exception {
        Path dataDirectory = workDirectory.resolve("shutdown-data");
        ServiceProcess service = ServiceProcess.start("local-shutdown", List.of("-Dquarkus.profile=local",
                "-Dscim-token.local.data-dir=" + dataDirectory,
                "-Dquarkus.log.category.\"com.cerby.scimtoken.verification.VerificationResource\".level=DEBUG"));
        try {
            service.awaitReady(Duration.ofSeconds(60));
            ServiceClient client = new ServiceClient(service);
            List<CompletableFuture<ServiceClient.Answer>> polls = new ArrayList<>();
            for (String user : List.of("nina", "noah", "nora")) {
                String jwt = mint(service, "{\"sub\":\"" + user + "\",\"workspaceId\":\"acme\",\"roles\":[\"owner\"]}");
                client.enroll(jwt, null);
                String id = client.startVerification(jwt, "acme", "reveal").path("id").asText();
                polls.add(client.sendAsync("GET", "/api/v1/workspaces/acme/scim-token/verifications/" + id
                        + "?waitSeconds=25", jwt, null));
            }
            Eventually.within(Duration.ofSeconds(10), "three long polls waiting", () -> service.output()
                    .split("A long poll waits", -1).length > 3);

            service.terminate();

            for (CompletableFuture<ServiceClient.Answer> poll : polls) {
                ServiceClient.Answer answer = poll.join();
                assertEquals(200, answer.status(), answer.body().toString());
                assertEquals("pending", answer.body().path("status").asText());
            }
            assertEquals(143, service.awaitExit(Duration.ofSeconds(30)), "the exit code after a SIGTERM");
            assertFalse(service.output().contains("service_unavailable"), service.output());
        } finally {
            service.kill();
        }
        assertFalse(Files.exists(dataDirectory.resolve("postgres").resolve("postmaster.pid")),
                "the shutdown stopped the embedded PostgreSQL");
    }

    /** The README quickstart: the phone is played by tools/Phone.java, run as the README runs it. */
    @Test
    void theQuickstartFlowRevealsTheTokenWithThePhoneTool() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("local-quickstart", List.of("-Dquarkus.profile=local",
                "-Dscim-token.local.data-dir=" + workDirectory.resolve("quickstart-data")))) {
            service.awaitReady(Duration.ofSeconds(60));
            String jwt = mint(service, "{\"sub\":\"quinn\",\"workspaceId\":\"acme\",\"roles\":[\"owner\"]}");

            assertTrue(phone(service, "enroll", jwt, "Quinn's phone").contains("\"name\":\"Quinn's phone\""));
            HttpResponse<String> started = post(service, "/api/v1/workspaces/acme/scim-token/verifications", jwt,
                    "{\"method\":\"push\",\"action\":\"reveal\"}");
            assertEquals(201, started.statusCode(), started.body());
            JsonNode verification = json.readTree(started.body());
            String id = verification.path("id").asText();
            assertTrue(phone(service, "pending", jwt).contains(id));
            String decision = phone(service, "approve", jwt, id, verification.path("numberChallenge").asText());
            assertEquals("approved", json.readTree(decision).path("status").asText(), decision);

            HttpResponse<String> revealed = post(service, "/api/v1/workspaces/acme/scim-token/reveal", jwt,
                    "{\"verificationId\":\"" + id + "\"}");
            assertEquals(200, revealed.statusCode(), revealed.body());
            assertTrue(json.readTree(revealed.body()).path("token").asText().matches("scim_[0-9A-Za-z]{49}"));
            assertFalse(service.output().contains(json.readTree(revealed.body()).path("token").asText()));

            HttpResponse<String> change = post(service, "/api/v1/workspaces/acme/scim-token/verifications", jwt,
                    "{\"action\":\"manage_factors\"}");
            JsonNode factorChange = json.readTree(change.body());
            String changeId = factorChange.path("id").asText();
            phone(service, "approve", jwt, changeId, factorChange.path("numberChallenge").asText());
            String tablet = phoneWithKey(service, "phone2-key.properties", "enroll", jwt, "Quinn's tablet", changeId);
            assertEquals("Quinn's tablet", json.readTree(tablet).path("name").asText(), tablet);

            PhoneRun withoutKey = runPhone(service, "no-such-key.properties", "approve", jwt, changeId, "12");
            assertEquals(2, withoutKey.exitCode(), withoutKey.errors());
            assertTrue(withoutKey.errors().contains("No key file at") && withoutKey.errors().contains("run enroll first"),
                    withoutKey.errors());
            PhoneRun refused = runPhone(service, "phone3-key.properties", "enroll", jwt, "Quinn's laptop");
            assertEquals(1, refused.exitCode(), refused.errors());
            assertTrue(refused.errors().contains("(403 step_up_required)")
                    && refused.errors().contains("Approve a manage_factors verification"), refused.errors());
        }
    }

    /** Runs {@code java tools/Phone.java ...} against the service and answers what it printed. */
    private String phone(ServiceProcess service, String... arguments) throws Exception {
        return phoneWithKey(service, "phone-key.properties", arguments);
    }

    /** The same, as the phone whose key lives in the given file. */
    private String phoneWithKey(ServiceProcess service, String keyFile, String... arguments) throws Exception {
        PhoneRun run = runPhone(service, keyFile, arguments);
        assertEquals(0, run.exitCode(), run.printed() + run.errors());
        return run.printed();
    }

    /** What a run of the phone tool printed on its standard output and error, and how it exited. */
    private record PhoneRun(int exitCode, String printed, String errors) {
    }

    private PhoneRun runPhone(ServiceProcess service, String keyFile, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "tools/Phone.java"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(workDirectory.resolve(keyFile + ".errors").toFile());
        builder.environment().put("SCIM_TOKEN_URL", service.baseUrl());
        builder.environment().put("PHONE_KEY_FILE", workDirectory.resolve(keyFile).toString());
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the phone tool hangs");
        return new PhoneRun(process.exitValue(), printed,
                Files.readString(workDirectory.resolve(keyFile + ".errors")));
    }

    private String mint(ServiceProcess service, String request) throws Exception {
        HttpResponse<String> minted = post(service, "/local/jwt", null, request);
        assertEquals(200, minted.statusCode(), minted.body());
        JsonNode body = json.readTree(minted.body());
        assertTrue(body.path("expiresAt").isTextual());
        return body.path("token").asText();
    }

    /**
     * The status line of a request sent as raw HTTP/1.1, with a Host header of the test's choosing (a browser
     * under DNS rebinding sends its page's host name); a body goes with its Content-Type.
     */
    private static String rawStatusLine(ServiceProcess service, String requestLine, String host, String contentType,
            String body) throws Exception {
        URI base = URI.create(service.baseUrl());
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nConnection: close\r\nContent-Length: ").append(content.length).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** POSTs JSON, with the JWT as bearer token unless it is null. */
    private HttpResponse<String> post(ServiceProcess service, String path, String jwt, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (jwt != null) {
            request.header("Authorization", "Bearer " + jwt);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> metadata(ServiceProcess service, String jwt) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/workspaces/acme/scim-token"))
                .header("Authorization", "Bearer " + jwt).build(), HttpResponse.BodyHandlers.ofString());
    }
}
