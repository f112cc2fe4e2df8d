package com.cerby.scimtoken.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** The cache spares repeated verification of a JWT, but never past the JWT's expiry. */
class VerifiedJwtCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant EXPIRY = NOW.plusSeconds(60);

    private final List<String> verifications = new ArrayList<>();
    private boolean refuse;

    private JsonWebToken verify(String token) throws ParseException {
        verifications.add(token);
        if (refuse) {
            throw new ParseException("the token expired");
        }
        JwtClaims claims = new JwtClaims();
        claims.setSubject("alice");
        claims.setExpirationTime(NumericDate.fromSeconds(EXPIRY.getEpochSecond()));
        return new DefaultJWTCallerPrincipal(token, "JWT", claims);
    }

    private static VerifiedJwts at(Instant now) {
        return new VerifiedJwts(Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenVerifiedOnceIsNotVerifiedAgainBeforeItExpires() throws ParseException {
        VerifiedJwts cache = at(NOW);

        JsonWebToken first = cache.parse("jwt-1", this::verify);
        JsonWebToken second = cache.parse("jwt-1", this::verify);

        assertSame(first, second);
        assertEquals(List.of("jwt-1"), verifications);
    }

    @Test
    void atItsExpiryTheTokenIsVerifiedAgainAndRefused() throws ParseException {
        Clock[] clock = { Clock.fixed(NOW, ZoneOffset.UTC) };
        VerifiedJwts cache = new VerifiedJwts(new Clock() {
            @Override
            public Instant instant() {
                return clock[0].instant();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
        cache.parse("jwt-1", this::verify);
        clock[0] = Clock.fixed(EXPIRY, ZoneOffset.UTC);
        refuse = true;

        assertThrows(ParseException.class, () -> cache.parse("jwt-1", this::verify));
        assertEquals(List.of("jwt-1", "jwt-1"), verifications);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        VerifiedJwts cache = at(NOW);
        refuse = true;

        assertThrows(ParseException.class, () -> cache.parse("jwt-2", this::verify));
        assertThrows(ParseException.class, () -> cache.parse("jwt-2", this::verify));
        assertEquals(List.of("jwt-2", "jwt-2"), verifications);
    }
}
