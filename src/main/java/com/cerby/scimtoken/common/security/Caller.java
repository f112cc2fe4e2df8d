package com.cerby.scimtoken.common.security;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated user of the current request, as stated by the verified JWT and read the way the identity
 * provider writes it ({@link Claims}). The user id was checked against the id rules when the token was verified
 * ({@link VerifiedJwtCache}); other claims are read defensively: a claim of the wrong type counts as absent.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken jwt;
    private final SecurityIdentity identity;
    private final Claims claims;

    Caller(JsonWebToken jwt, SecurityIdentity identity, Claims claims) {
        this.jwt = jwt;
        this.identity = identity;
        this.claims = claims;
    }

    public String userId() {
        return claims.userId(jwt).orElseThrow();
    }

    /** The workspace of the session; null when the token names none (or not as a string). */
    public String workspaceId() {
        return claims.workspaceId(jwt).orElse(null);
    }

    /** Where the verification email goes; empty when the identity provider sent no address that fits. */
    public Optional<String> email() {
        return claims.email(jwt);
    }

    /** When the user last signed in at the identity provider (OIDC {@code auth_time}), if the token says. */
    public Optional<Instant> authTime() {
        Object value = jwt.getClaim("auth_time");
        Long seconds = value instanceof JsonNumber number && number.isIntegral() ? Long.valueOf(number.longValue())
                : value instanceof Long whole ? whole : null;
        try {
            return Optional.ofNullable(seconds).map(Instant::ofEpochSecond);
        } catch (DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    /** Whether the caller has one of this service's roles (after the role map). */
    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** Refuses a request whose path names another workspace than the caller's session. */
    public void requireWorkspace(String workspaceId) {
        if (!workspaceId.equals(workspaceId())) {
            throw new ProblemException(ProblemType.WORKSPACE_MISMATCH,
                    "The path names a workspace other than the one of your session.");
        }
    }
}
