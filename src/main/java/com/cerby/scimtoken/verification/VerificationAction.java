package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.security.Roles;
import java.util.Set;

/**
 * What an approved verification allows, once: a token operation, or a change of the user's factors. Each action
 * names the roles that may ask for it and the audit event that records a refused attempt to spend it.
 */
public enum VerificationAction {
    REVEAL(Set.of(Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN), "scim_token.reveal_refused"),
    ROTATE(Set.of(Roles.OWNER), "scim_token.rotate_refused"),
    REVOKE(Set.of(Roles.OWNER), "scim_token.revoke_refused"),
    MANAGE_FACTORS(Set.of(Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN), "factor.change_refused");

    private final Set<String> allowedRoles;
    private final String refusedEvent;

    VerificationAction(Set<String> allowedRoles, String refusedEvent) {
        this.allowedRoles = allowedRoles;
        this.refusedEvent = refusedEvent;
    }

    public Set<String> allowedRoles() {
        return allowedRoles;
    }

    String refusedEvent() {
        return refusedEvent;
    }
}
