package com.cerby.scimtoken.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL 17 run from the binaries on the class path, for local mode and the test suite. The binaries'
 * cluster trusts every local connection; once started, its superuser gets a password and every connection must
 * give it (SCRAM-SHA-256), so that another user of the machine cannot open the database.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD_AUTHENTICATION = """
            # Written by scim-token-service: every connection gives the password.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /**
     * Starts (and on first use creates) a database whose files live in {@code dataDirectory} and survive; its
     * superuser's password is {@code password} (letters, digits, '-' and '_'). It is stopped by {@link #stop()}, not
     * by a JVM shutdown hook of its own, which would race the service's shutdown and stop the database under the
     * requests still being answered.
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory, String password) {
        stopOrphanedPostmaster(dataDirectory);
        return start(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("synchronous_commit", "on"), password);
    }

    /** Starts a database in a fresh temporary directory that is deleted when it stops, with a random password. */
    public static EmbeddedDatabase startThrowaway() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return start(EmbeddedPostgres.builder(), Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder, String password) {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("The database password must be 16 or more of [A-Za-z0-9_-]");
        }
        try {
            EmbeddedDatabase database = new EmbeddedDatabase(builder.setConnectConfig("password", password).start(),
                    password);
            database.requirePassword();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    /** Sets the superuser's password and makes the server ask for it (idempotent: every start does it again). */
    private void requirePassword() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("alter role " + SUPERUSER + " password '" + password + "'");
            try (ResultSet directory = statement.executeQuery("show data_directory")) {
                directory.next();
                Files.writeString(Path.of(directory.getString(1), "pg_hba.conf"), PASSWORD_AUTHENTICATION);
            }
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not stop", e);
        }
    }

    /**
     * A JVM killed with {@code kill -9} leaves its postmaster running on the data directory, which would refuse
     * a second server. Stop it (SIGTERM is PostgreSQL's smart shutdown; its clients died with the JVM).
     */
    private static void stopOrphanedPostmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(EmbeddedDatabase::isPostgres).ifPresent(process -> {
                LOG.warnf("Stopping the PostgreSQL server (pid %d) left running on %s by an earlier run", pid,
                        dataDirectory);
                process.destroy();
                try {
                    process.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                }
            });
        } catch (IOException | NumberFormatException e) {
            LOG.warnf("Ignoring unreadable %s: %s", pidFile, e.getMessage());
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(command -> command.endsWith("postgres")).orElse(true);
    }
}
