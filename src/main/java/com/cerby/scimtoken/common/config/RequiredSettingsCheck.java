package com.cerby.scimtoken.common.config;

import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.quarkus.logging.json.runtime.AdditionalField;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.logging.json.runtime.JsonLogConfig;
import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Production mode (every profile but local mode's and the tests', so a custom one such as {@code staging} too) refuses
 * to start without a database, a JWT verification key and issuer and a token encryption key, and
 * says in one line each what is missing and how to set it. It runs while the configuration is built, before any
 * extension tries (and fails less clearly) to use a missing setting.
 *
 * <p>Logging is not set up yet at that point, so the check writes its report as the console log would (one JSON
 * line in production) and stops the start with a {@link ConfigurationException} carrying that line: Quarkus prints
 * such an exception's message alone, without a stack trace, and exits with code 1. The log records queued until
 * then (library banners) would reach the console as plain text when the process exits; they go through the same
 * formatter now, warnings and errors only.
 */
public class RequiredSettingsCheck implements ConfigSourceFactory {

    /** The profiles that bring their own settings (local mode generates them, tests start their own). */
    static final Set<String> EXEMPT_PROFILES = Set.of("local", "test");
    private static final String JSON_ENABLED = "quarkus.log.console.json.enabled";
    private static final String JSON_FIELD_PREFIX = "quarkus.log.console.json.additional-field.";
    private static final String JSON_FIELD_VALUE = ".value";

    private record Requirement(List<String> anyOf, String message) {
    }

    private static final List<Requirement> REQUIREMENTS = List.of(
            new Requirement(List.of("quarkus.datasource.jdbc.url"),
                    "Database: set QUARKUS_DATASOURCE_JDBC_URL (quarkus.datasource.jdbc.url), e.g."
                            + " jdbc:postgresql://db.internal:5432/scim_token, with QUARKUS_DATASOURCE_USERNAME and"
                            + " QUARKUS_DATASOURCE_PASSWORD."),
            new Requirement(List.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey",
                    "smallrye.jwt.verify.key.location"),
                    "JWT verification key: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (mp.jwt.verify.publickey.location)"
                            + " to the PEM file or JWKS URL of the identity provider that signs the web app's JWTs."),
            new Requirement(List.of("mp.jwt.verify.issuer"),
                    "JWT issuer: set MP_JWT_VERIFY_ISSUER (mp.jwt.verify.issuer) to the identity provider's issuer"
                            + " (the iss of its tokens, e.g. https://idp.example.com/), so that tokens of any other"
                            + " issuer signed with a shared key are refused."),
            new Requirement(List.of("scim-token.encryption.keys"),
                    "Token encryption key: set SCIM_TOKEN_ENCRYPTION_KEYS (scim-token.encryption.keys) to"
                            + " <id>:<base64 of 32 random bytes>, e.g. key-1:$(openssl rand -base64 32)."));

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.UNSET
                || context.getProfiles().stream().anyMatch(EXEMPT_PROFILES::contains)) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        Set<String> missingNames = new LinkedHashSet<>();
        for (Requirement requirement : REQUIREMENTS) {
            boolean present = requirement.anyOf().stream()
                    .map(name -> context.getValue(name).getValue())
                    .anyMatch(value -> value != null && !value.isBlank());
            if (!present) {
                missing.add(requirement.message());
                missingNames.add(requirement.anyOf().get(0));
            }
        }
        if (!missing.isEmpty()) {
            String report = String.join(System.lineSeparator(), Stream.concat(
                    Stream.of("scim-token-service cannot start in production mode (profile "
                            + String.join(",", context.getProfiles()) + "); missing settings:"),
                    missing.stream().map(message -> "  - " + message)).toList());
            throw new ConfigurationException(asConsoleLogLine(context, report), missingNames);
        }
        return List.of();
    }

    /** The report as the console log writes an error: a JSON line with the configured extra fields, or the text. */
    private static String asConsoleLogLine(ConfigSourceContext context, String report) {
        String json = context.getValue(JSON_ENABLED).getValue();
        if (json != null && !Boolean.parseBoolean(json)) {
            return report;
        }
        Map<String, AdditionalField> fields = new HashMap<>();
        context.iterateNames().forEachRemaining(name -> {
            if (name.startsWith(JSON_FIELD_PREFIX) && name.endsWith(JSON_FIELD_VALUE)) {
                String field = name.substring(JSON_FIELD_PREFIX.length(), name.length() - JSON_FIELD_VALUE.length());
                fields.put(field, new AdditionalField(context.getValue(name).getValue(),
                        JsonLogConfig.AdditionalFieldConfig.Type.STRING));
            }
        });
        JsonFormatter formatter = new JsonFormatter();
        formatter.setAdditionalFields(fields);
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT, formatter);
        console.setLevel(Level.WARN);
        InitialConfigurator.DELAYED_HANDLER.setHandlers(new Handler[] { console });
        ExtLogRecord record = new ExtLogRecord(Level.ERROR, report, RequiredSettingsCheck.class.getName());
        record.setLoggerName(RequiredSettingsCheck.class.getName());
        return formatter.format(record).strip();
    }
}
