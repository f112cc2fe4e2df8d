package com.cerby.scimtoken.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/**
 * Where this service finds its facts in the identity provider's JWTs ({@code scim-token.jwt.*}); the defaults are
 * the claims of the local JWTs. A claim is named literally (it may contain '/', ':' and '.', as namespaced claims
 * do), or, when the setting starts with '/', by an RFC 6901 JSON pointer into nested objects ({@code /org/id}).
 * The roles come from the claim that {@code smallrye.jwt.path.groups} names.
 */
@ConfigMapping(prefix = "scim-token.jwt")
public interface ClaimsConfig {

    @WithDefault("workspace_id")
    String workspaceClaim();

    @WithDefault("sub")
    String userIdClaim();

    @WithDefault("email")
    String emailClaim();

    /**
     * Which of the issuer's role values mean each of this service's roles ({@code owner=SCIM-Owners,Workspace.Owner}).
     * A role not listed keeps its own name; values that map to no role are ignored.
     */
    Map<String, List<String>> roleMap();
}
