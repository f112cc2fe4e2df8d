package com.cerby.scimtoken.scimtoken;

import java.util.Optional;

/**
 * Introspection of the OAuth access tokens (JWTs) that the oauth feature issues: the hook through which
 * introspection answers for them without this package knowing the feature.
 */
public interface AccessTokenIntrospection {

    /**
     * The RFC 7662 answer for a JWT access token of this service that is still active, empty otherwise. A blocking
     * call: it checks that the client and the credential that got the token still exist.
     */
    Optional<byte[]> introspect(String token);
}
