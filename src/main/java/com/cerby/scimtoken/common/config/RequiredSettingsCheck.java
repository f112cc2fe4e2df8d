package com.cerby.scimtoken.common.config;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Production mode refuses to start without a database, a JWT verification key and issuer and a token encryption key, and
 * says in one line each what is missing and how to set it. It runs while the configuration is built, before any
 * extension tries (and fails less clearly) to use a missing setting.
 */
public class RequiredSettingsCheck implements ConfigSourceFactory {

    static final String PRODUCTION_PROFILE = "prod";

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
        if (ExecutionMode.current() == ExecutionMode.UNSET || !context.getProfiles().contains(PRODUCTION_PROFILE)) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : REQUIREMENTS) {
            boolean present = requirement.anyOf().stream()
                    .map(name -> context.getValue(name).getValue())
                    .anyMatch(value -> value != null && !value.isBlank());
            if (!present) {
                missing.add(requirement.message());
            }
        }
        if (!missing.isEmpty()) {
            String report = String.join(System.lineSeparator(), Stream.concat(
                    Stream.of("scim-token-service cannot start in production mode; missing settings:"),
                    missing.stream().map(message -> "  - " + message)).toList());
            // Logging is not set up yet at this point; say it plainly before Quarkus wraps it in a stack trace.
            System.err.println(report);
            throw new IllegalStateException(report);
        }
        return List.of();
    }
}
