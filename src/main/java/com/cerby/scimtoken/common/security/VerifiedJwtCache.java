package com.cerby.scimtoken.common.security;

import com.cerby.scimtoken.common.web.Ids;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Puts {@link VerifiedJwts} in front of SmallRye JWT's parser, which verifies every request's bearer token, and
 * refuses (401) a token whose user id (its subject, or the claim {@code scim-token.jwt.user-id-claim} names) breaks
 * the user id rules: user ids end up in paths, locks and audit rows.
 */
@Decorator
@Priority(10)
public abstract class VerifiedJwtCache implements JWTParser {

    private static final Pattern USER_ID = Pattern.compile(Ids.PATTERN);

    @Inject
    @Delegate
    @Any
    JWTParser delegate;

    @Inject
    VerifiedJwts verified;

    @Inject
    Claims claims;

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        return verified.parse(bearerToken, token -> requireValidUserId(delegate.parse(token)));
    }

    private JsonWebToken requireValidUserId(JsonWebToken jwt) throws ParseException {
        if (claims.userId(jwt).filter(userId -> USER_ID.matcher(userId).matches()).isEmpty()) {
            throw new ParseException("The token's user id is not 1 to 64 characters of [A-Za-z0-9._-]");
        }
        return jwt;
    }
}
