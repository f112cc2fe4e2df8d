package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.security.Roles;
import java.util.Set;

/**
 * What an approved verification allows, once: a token operation, a change of the user's factors, or a change of
 * the workspace's OAuth clients. Each action
 * names the roles that may ask for it and the audit event that records a refused attempt to spend it.
 */
public enum VerificationAction {
    REVEAL(Set.of(Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN), "scim_token.reveal_refused", "see the SCIM token"),
    ROTATE(Set.of(Roles.OWNER), "scim_token.rotate_refused", "rotate the SCIM token"),
    REVOKE(Set.of(Roles.OWNER), "scim_token.revoke_refused", "revoke the SCIM token"),
    MANAGE_FACTORS(Set.of(Roles.OWNER, Roles.SUPER_ADMIN, Roles.ADMIN), "factor.change_refused",
            "add or remove a sign-in factor of your account"),
    MANAGE_CLIENTS(Set.of(Roles.OWNER), "oauth_client.change_refused",
            "change the workspace's OAuth clients for provisioning");

    private final Set<String> allowedRoles;
    private final String refusedEvent;
    private final String purpose;

    VerificationAction(Set<String> allowedRoles, String refusedEvent, String purpose) {
        this.allowedRoles = allowedRoles;
        this.refusedEvent = refusedEvent;
        this.purpose = purpose;
    }

    /** What the user is asked to confirm, in words: "rotate the SCIM token". */
    String purpose() {
        return purpose;
    }

    public Set<String> allowedRoles() {
        return allowedRoles;
    }

    String refusedEvent() {
        return refusedEvent;
    }
}
