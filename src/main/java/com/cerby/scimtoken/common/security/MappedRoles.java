package com.cerby.scimtoken.common.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives an authenticated caller this service's roles for the issuer's role values
 * ({@code scim-token.jwt.role-map.*}), so that {@code @RolesAllowed} speaks this service's language whatever the
 * issuer calls its roles. Without a role map, the values are the roles.
 */
@ApplicationScoped
public class MappedRoles implements SecurityIdentityAugmentor {

    private final Claims claims;

    MappedRoles(Claims claims) {
        this.claims = claims;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !claims.mapsRoles()) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder mapped = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(claims.roles(identity.getRoles()));
        return Uni.createFrom().item(mapped.build());
    }
}
