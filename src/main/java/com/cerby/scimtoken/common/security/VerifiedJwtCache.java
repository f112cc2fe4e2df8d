package com.cerby.scimtoken.common.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Puts {@link VerifiedJwts} in front of SmallRye JWT's parser, which verifies every request's bearer token. */
@Decorator
@Priority(10)
public abstract class VerifiedJwtCache implements JWTParser {

    private final VerifiedJwts verified;

    @Inject
    @Delegate
    @Any
    JWTParser delegate;

    @Inject
    VerifiedJwtCache(Clock clock) {
        this.verified = new VerifiedJwts(clock);
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        return verified.parse(bearerToken, delegate::parse);
    }
}
