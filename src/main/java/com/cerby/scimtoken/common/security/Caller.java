package com.cerby.scimtoken.common.security;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated user of the current request, as stated by the verified JWT. The subject was checked against
 * the id rules when the token was verified ({@link VerifiedJwtCache}); other claims are read defensively: a claim
 * of the wrong type counts as absent.
 */
@RequestScoped
public class Caller {

    static final String WORKSPACE_CLAIM = "workspace_id";
    private static final int MAX_EMAIL_LENGTH = 254;

    private final JsonWebToken jwt;

    Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String userId() {
        return jwt.getSubject();
    }

    /** The workspace of the session; null when the token names none (or not as a string). */
    public String workspaceId() {
        return text(WORKSPACE_CLAIM).orElse(null);
    }

    /**
     * The {@code email} claim, where the verification email goes; empty when the identity provider sent none, or
     * none that fits an SMTP path (254 characters, RFC 5321).
     */
    public Optional<String> email() {
        return text("email").filter(email -> !email.isBlank() && email.length() <= MAX_EMAIL_LENGTH);
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

    public boolean hasRole(String role) {
        return jwt.getGroups().contains(role);
    }

    /** Refuses a request whose path names another workspace than the caller's session. */
    public void requireWorkspace(String workspaceId) {
        if (!workspaceId.equals(workspaceId())) {
            throw new ProblemException(ProblemType.WORKSPACE_MISMATCH,
                    "The path names a workspace other than the one of your session.");
        }
    }

    private Optional<String> text(String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonString json) {
            return Optional.of(json.getString());
        }
        return value instanceof String string ? Optional.of(string) : Optional.empty();
    }
}
