package com.cerby.scimtoken.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonException;
import jakarta.json.JsonStructure;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads a verified JWT the way the configured identity provider writes it ({@link ClaimsConfig}): the user id,
 * workspace and email from their claims, and the roles through the role map. A claim that is missing or not a
 * string counts as absent.
 */
@ApplicationScoped
public class Claims {

    private static final int MAX_EMAIL_LENGTH = 254;

    private final ClaimsConfig config;
    /** Issuer value → this service's roles; empty when every role keeps its own name (the default). */
    private final Map<String, Set<String>> rolesByValue = new HashMap<>();

    Claims(ClaimsConfig config) {
        this.config = config;
        config.roleMap().forEach((role, values) -> {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalStateException("scim-token.jwt.role-map." + role + " names no role of this service;"
                        + " the roles are " + Roles.ALL);
            }
        });
        if (!config.roleMap().isEmpty()) {
            for (String role : Roles.ALL) {
                for (String value : config.roleMap().getOrDefault(role, List.of(role))) {
                    rolesByValue.computeIfAbsent(value.trim(), key -> new HashSet<>()).add(role);
                }
            }
        }
    }

    public Optional<String> userId(JsonWebToken jwt) {
        return text(jwt, config.userIdClaim());
    }

    public Optional<String> workspaceId(JsonWebToken jwt) {
        return text(jwt, config.workspaceClaim());
    }

    /** The email claim; empty when the identity provider sent none, or none that fits an SMTP path (254 characters, RFC 5321). */
    public Optional<String> email(JsonWebToken jwt) {
        return text(jwt, config.emailClaim()).filter(email -> !email.isBlank() && email.length() <= MAX_EMAIL_LENGTH);
    }

    /** Whether the issuer's values are taken as this service's roles unchanged. */
    boolean mapsRoles() {
        return !rolesByValue.isEmpty();
    }

    /** This service's roles for the issuer's role values. */
    Set<String> roles(Set<String> issuerValues) {
        Set<String> roles = new HashSet<>();
        issuerValues.forEach(value -> roles.addAll(rolesByValue.getOrDefault(value, Set.of())));
        return roles;
    }

    private static Optional<String> text(JsonWebToken jwt, String claim) {
        Object value = claim.startsWith("/") ? pointed(jwt, claim) : jwt.getClaim(claim);
        if (value instanceof JsonString json) {
            return Optional.of(json.getString());
        }
        return value instanceof String string ? Optional.of(string) : Optional.empty();
    }

    /** The value an RFC 6901 pointer names: its first segment is a top-level claim, the rest is inside it. */
    private static Object pointed(JsonWebToken jwt, String pointer) {
        int next = pointer.indexOf('/', 1);
        String first = (next < 0 ? pointer.substring(1) : pointer.substring(1, next)).replace("~1", "/")
                .replace("~0", "~");
        Object top = jwt.getClaim(first);
        if (next < 0) {
            return top;
        }
        if (!(top instanceof JsonStructure structure)) {
            return null;
        }
        try {
            return Json.createPointer(pointer.substring(next)).getValue(structure);
        } catch (JsonException notThere) {
            return null;
        }
    }
}
