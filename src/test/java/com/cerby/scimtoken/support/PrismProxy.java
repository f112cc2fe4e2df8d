package com.cerby.scimtoken.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stoplight Prism's validation proxy in front of the service, as its own process: every exchange through it is
 * checked against openapi.yaml, and what does not conform is reported in the answer's {@code sl-violations}
 * header. {@code .ci/run} installs Prism (pinned) into {@code .tools}; {@code -Dprism.executable} names another.
 */
public final class PrismProxy implements AutoCloseable {

    private static final Path DEFAULT_EXECUTABLE = Path.of(".tools", "node_modules", ".bin", "prism");

    private final Process process;
    private final Path output;
    private final int port;

    private PrismProxy(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    public static Path executable() {
        return Path.of(System.getProperty("prism.executable", DEFAULT_EXECUTABLE.toString()));
    }

    /** Starts {@code prism proxy openapi.yaml <upstream>} on a free loopback port and waits until it listens. */
    public static PrismProxy start(String upstream) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path output = Files.createTempFile("prism-", ".log");
        Process process = new ProcessBuilder(List.of(executable().toAbsolutePath().toString(), "proxy",
                "openapi.yaml", upstream, "--host", "127.0.0.1", "--port", String.valueOf(port)))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        PrismProxy prism = new PrismProxy(process, output, port);
        prism.awaitListening(Duration.ofSeconds(60));
        return prism;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Prism exited with " + process.exitValue() + ":\n" + Files.readString(output));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notListeningYet) {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("Prism did not listen within " + timeout + ":\n" + Files.readString(output));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
