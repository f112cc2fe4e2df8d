package com.cerby.scimtoken.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers bearer tokens that passed verification, so that a caller who sends the same JWT again (the SCIM
 * server on every introspection, a web page polling) does not pay for an RSA signature check and a JSON parse
 * each time. A remembered token is used only before its {@code exp}; after that it is verified again, and fails.
 * Tokens that fail are never remembered.
 */
@Decorator
@Priority(10)
public abstract class VerifiedJwtCache implements JWTParser {

    private static final Cache<String, JsonWebToken> VERIFIED = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    @Inject
    @Delegate
    @Any
    JWTParser delegate;

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        JsonWebToken known = VERIFIED.getIfPresent(bearerToken);
        if (known != null && Instant.now().getEpochSecond() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken verified = delegate.parse(bearerToken);
        VERIFIED.put(bearerToken, verified);
        return verified;
    }
}
