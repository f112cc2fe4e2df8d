package com.cerby.scimtoken.owners;

import com.cerby.scimtoken.common.security.Claims;
import com.cerby.scimtoken.common.security.Roles;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Notes the email of every owner who makes a request, per workspace, so that the owners can be told when their
 * token leaks or is about to expire. It runs after the role map (a lower priority), on the mapped roles.
 */
@ApplicationScoped
public class OwnerSightings implements SecurityIdentityAugmentor {

    private final OwnerContacts contacts;
    private final Claims claims;

    OwnerSightings(OwnerContacts contacts, Claims claims) {
        this.contacts = contacts;
        this.claims = claims;
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.hasRole(Roles.OWNER) && identity.getPrincipal() instanceof JsonWebToken jwt) {
            claims.workspaceId(jwt).ifPresent(workspace -> claims.email(jwt)
                    .ifPresent(email -> contacts.seen(workspace, email)));
        }
        return Uni.createFrom().item(identity);
    }
}
