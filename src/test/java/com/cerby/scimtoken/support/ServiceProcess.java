package com.cerby.scimtoken.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The packaged service (target/quarkus-app) run as its own process, the way the README tells people to. */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path output;
    /** The ports handed out in this run, never handed out twice. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final int port;

    private ServiceProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /**
     * Starts the service with the given system properties and without any of the caller's service settings. A
     * SIGTERM ends it without the shutdown delay (there is no load balancer to wait for) unless the properties set
     * {@code quarkus.shutdown.delay}.
     */
    public static ServiceProcess start(String name, List<String> systemProperties) throws IOException {
        int port = freePort();
        Path output = Files.createTempFile("scim-token-" + name + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + freePort(),
                "-Dquarkus.shutdown.delay=PT0S"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("MP_JWT")
                || key.startsWith("SMALLRYE_") || key.startsWith("SCIM_TOKEN_"));
        return new ServiceProcess(builder.start(), output, port);
    }

    /** An encryption key setting that production mode accepts. */
    public static final String ENCRYPTION_KEYS = "-Dscim-token.encryption.keys=prod-1:MkZSbqciCPY5oAcydneEHOcwGEGCu4j7FQE3bdbjDrs=";

    /**
     * What production mode needs: the database, the test JWT key and issuer, plus the given encryption setting
     * (usually {@link #ENCRYPTION_KEYS}).
     */
    public static List<String> productionSettings(com.cerby.scimtoken.local.EmbeddedDatabase database,
            String encryptionKeys) {
        return productionSettings(database.jdbcUrl(), database.username(), database.password(), encryptionKeys);
    }

    /** What production mode needs, with the database given by its JDBC URL and credentials. */
    public static List<String> productionSettings(String jdbcUrl, String username, String password,
            String encryptionKeys) {
        return List.of("-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=" + username,
                "-Dquarkus.datasource.password=" + password,
                "-Dmp.jwt.verify.publickey.location="
                        + Path.of("target", "test-classes", "jwt", "publicKey.pem").toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER,
                encryptionKeys);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Waits until /q/health/ready answers 200, and fails if the process dies or the time runs out. */
    public Duration awaitReady(Duration timeout) throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return Duration.between(start, Instant.now());
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("The service was not ready within " + timeout + ":\n" + output());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The service did not exit within " + timeout);
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    /** Where the output ends now, so that {@link #logSince} reads only what comes after. */
    public long outputMark() throws IOException {
        return Files.size(output);
    }

    /** The log lines written since the mark, each a JSON document as production logs them; fails on any other line. */
    public List<JsonNode> logSince(long mark) throws IOException {
        byte[] all = Files.readAllBytes(output);
        String since = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : since.lines().filter(text -> !text.isBlank()).toList()) {
            try {
                lines.add(JSON.readTree(line));
            } catch (JsonProcessingException notJson) {
                throw new AssertionError("Not a JSON log line: " + line, notJson);
            }
        }
        return lines;
    }

    /** Sends SIGTERM, as {@code kill} does, and returns at once; {@link #awaitExit} waits for the end. */
    public void terminate() {
        process.destroy();
    }

    /** Ends the process as {@code kill -9} would: no shutdown hooks run. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Ends the process as {@code kill} (SIGTERM) would, letting it shut down cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Closes each instance that was started; an {@code @AfterAll} may run after a failed start. */
    public static void closeAll(ServiceProcess... instances) throws InterruptedException {
        for (ServiceProcess instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): a port the system hands out for port 0 could be
     * taken by an outgoing connection or another test's server between this check and the service's own bind.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("No free port between 20000 and 32000");
    }
}
