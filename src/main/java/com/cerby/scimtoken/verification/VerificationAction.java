package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.security.Roles;
import java.util.Set;

/** The token operation a verification allows, and the roles that may ask for it. */
public enum VerificationAction {
    REVEAL(Set.of(Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN)),
    ROTATE(Set.of(Roles.OWNER)),
    REVOKE(Set.of(Roles.OWNER));

    private final Set<String> allowedRoles;

    VerificationAction(Set<String> allowedRoles) {
        this.allowedRoles = allowedRoles;
    }

    public Set<String> allowedRoles() {
        return allowedRoles;
    }
}
