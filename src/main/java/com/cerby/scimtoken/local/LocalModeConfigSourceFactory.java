package com.cerby.scimtoken.local;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In local mode, at run time only, starts the embedded PostgreSQL and creates the local keys, then supplies their
 * settings. Its ordinal (275) puts it above application.properties and below environment variables and system
 * properties, so an operator or test harness can still override any of them.
 */
public class LocalModeConfigSourceFactory implements ConfigSourceFactory {

    public static final String DATA_DIR = "scim-token.local.data-dir";
    static final String DEFAULT_DATA_DIR = "local-data";
    private static final int ORDINAL = 275;

    /** Quarkus builds its configuration more than once per start; the database starts once per JVM. */
    private static ConfigSource started;
    private static EmbeddedDatabase database;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.UNSET || !context.getProfiles().contains(LocalMode.PROFILE)) {
            return List.of();
        }
        return List.of(start(context));
    }

    private static synchronized ConfigSource start(ConfigSourceContext context) {
        if (started == null) {
            requireLoopback(context, "quarkus.http.host");
            requireLoopback(context, "quarkus.management.host");
            ConfigValue configured = context.getValue(DATA_DIR);
            Path dataDirectory = Path.of(configured.getValue() == null ? DEFAULT_DATA_DIR : configured.getValue())
                    .toAbsolutePath();
            LocalKeys keys = new LocalKeys(dataDirectory.resolve("keys"));
            keys.createMissing();
            database = EmbeddedDatabase.startPersistent(dataDirectory.resolve("postgres"), keys.readDatabasePassword());
            started = new MapBackedConfigSource("scim-token local mode", Map.of(
                    "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                    "quarkus.datasource.username", database.username(),
                    "quarkus.datasource.password", database.password(),
                    "mp.jwt.verify.publickey.location", keys.verificationKey().toString(),
                    "smallrye.jwt.sign.key.location", keys.signingKey().toString(),
                    "scim-token.encryption.keys", keys.readEncryptionKeys()), ORDINAL) {
            };
        }
        return started;
    }

    /** Stops the embedded database this JVM started, if any (see {@link EmbeddedDatabaseShutdown}). */
    static synchronized void stopDatabase() {
        if (database != null) {
            database.stop();
            database = null;
        }
    }

    /**
     * Local mode mints JWTs for anyone who asks, so it must never listen beyond this machine: a host other than a
     * loopback address stops the start.
     */
    private static void requireLoopback(ConfigSourceContext context, String setting) {
        String host = context.getValue(setting).getValue();
        if (host != null && !Loopback.isLoopbackHost(host)) {
            String message = "Local mode listens on the loopback interface only; " + setting + "=" + host
                    + " is refused. Local mode mints JWTs for anyone who can reach it: never expose it.";
            System.err.println(message);
            throw new IllegalStateException(message);
        }
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
