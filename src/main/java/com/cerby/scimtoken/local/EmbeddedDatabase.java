package com.cerby.scimtoken.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** A real PostgreSQL 17 run from the binaries on the class path, for local mode and the test suite. */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (and on first use creates) a database whose files live in {@code dataDirectory} and survive. */
    public static EmbeddedDatabase startPersistent(Path dataDirectory) {
        stopOrphanedPostmaster(dataDirectory);
        return start(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("synchronous_commit", "on"));
    }

    /** Starts a database in a fresh temporary directory that is deleted when it stops. */
    public static EmbeddedDatabase startThrowaway() {
        return start(EmbeddedPostgres.builder());
    }

    private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder) {
        try {
            return new EmbeddedDatabase(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String username() {
        return "postgres";
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
