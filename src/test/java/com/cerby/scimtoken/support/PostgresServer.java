package com.cerby.scimtoken.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, from Debian's {@code postgresql-15} binaries (or those in the directory
 * named by {@code SCIM_TOKEN_TEST_POSTGRES_BIN}), in a temporary directory on a free loopback port: a test stops it
 * (connections refused), starts it again on the same port and data (a restart), or freezes its processes with
 * SIGSTOP (it accepts TCP connections but never answers, as a hung server or a network partition does). PostgreSQL
 * refuses to run as root; as root, its commands run as the unprivileged {@code postgres} user that the package
 * creates.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path BIN = Path.of(
            System.getenv().getOrDefault("SCIM_TOKEN_TEST_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"));
    private static final String SYSTEM_USER = "postgres";
    private static final String SUPERUSER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final String password;
    private boolean frozen;

    private PostgresServer(Path directory, int port, String password) {
        this.directory = directory;
        this.port = port;
        this.password = password;
    }

    /** Creates a cluster with password authentication and starts it. */
    public static PostgresServer start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("The fault tests need PostgreSQL's server binaries in " + BIN
                    + ": apt-get install postgresql-15, or name their directory in SCIM_TOKEN_TEST_POSTGRES_BIN");
        }
        Path directory = Files.createTempDirectory("scim-token-pg-");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        PostgresServer server = new PostgresServer(directory, freePort(), HexFormat.of().formatHex(random));
        Files.writeString(directory.resolve("password"), server.password);
        if (runsAsRoot()) {
            UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SYSTEM_USER);
            Files.setOwner(directory, owner);
            Files.setOwner(directory.resolve("password"), owner);
        }
        server.run(BIN.resolve("initdb").toString(), "-D", server.data(), "-U", SUPERUSER,
                "--auth=scram-sha-256", "--pwfile=" + directory.resolve("password"), "-E", "UTF8", "--no-locale");
        server.startAgain();
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    /** A connection of the test's own, to arrange rows behind the service's back or to inspect them. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), SUPERUSER, password);
    }

    /** Starts the stopped server on the same port and data; answers once it accepts connections. */
    public void startAgain() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data(), "-l", directory.resolve("server.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                        + " -c fsync=off -c max_connections=100",
                "-w", "start");
    }

    /** Stops the server as a restart or failover does: open connections are closed, new ones refused. */
    public void stop() throws IOException, InterruptedException {
        run(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop");
    }

    /** Freezes every process of the server: connections are accepted by the kernel, but nothing answers. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
        frozen = true;
    }

    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
        frozen = false;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (frozen) {
            thaw();
        }
        if (Files.exists(directory.resolve("data").resolve("postmaster.pid"))) {
            run(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The postmaster first, so that it starts no new backend, then every process it started. */
    private void signal(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(
                Files.readAllLines(directory.resolve("data").resolve("postmaster.pid")).get(0).trim());
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().descendants()
                .forEach(child -> command.add(Long.toString(child.pid())));
        exec(command);
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void run(String... command) throws IOException, InterruptedException {
        List<String> asUser = new ArrayList<>();
        if (runsAsRoot()) {
            asUser.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        asUser.addAll(List.of(command));
        exec(asUser);
    }

    private void exec(List<String> command) throws IOException, InterruptedException {
        Path output = directory.resolve("command.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
