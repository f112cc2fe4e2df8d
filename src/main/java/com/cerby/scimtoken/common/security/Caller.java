package com.cerby.scimtoken.common.security;

import com.cerby.scimtoken.common.problem.ProblemException;
import com.cerby.scimtoken.common.problem.ProblemType;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated user of the current request, as stated by the verified JWT. */
@RequestScoped
public class Caller {

    static final String WORKSPACE_CLAIM = "workspace_id";

    private final JsonWebToken jwt;

    Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String userId() {
        return jwt.getSubject();
    }

    public String workspaceId() {
        return jwt.getClaim(WORKSPACE_CLAIM);
    }

    /** The {@code email} claim, where the verification email goes; empty when the identity provider sent none. */
    public java.util.Optional<String> email() {
        return java.util.Optional.ofNullable(jwt.<String>getClaim("email")).filter(email -> !email.isBlank());
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
}
