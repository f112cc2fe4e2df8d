package com.cerby.scimtoken.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens that passed verification, remembered so that a caller who sends the same JWT again (the SCIM
 * server on every introspection, a web page polling) does not pay for a signature check and a JSON parse each
 * time. A remembered token is used only before its {@code exp}; after that it is verified again, and fails.
 * Tokens that fail are never remembered.
 */
@ApplicationScoped
public class VerifiedJwts {

    /** The real verification, as SmallRye JWT does it. */
    @FunctionalInterface
    interface Verifier {
        JsonWebToken verify(String bearerToken) throws ParseException;
    }

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();
    private final Clock clock;

    VerifiedJwts(Clock clock) {
        this.clock = clock;
    }

    /** The token with exactly this text, if it was verified and has not expired; never verifies it now. */
    public Optional<JsonWebToken> known(String bearerToken) {
        JsonWebToken known = verified.getIfPresent(bearerToken);
        return known != null && clock.instant().getEpochSecond() < known.getExpirationTime()
                ? Optional.of(known)
                : Optional.empty();
    }

    JsonWebToken parse(String bearerToken, Verifier verifier) throws ParseException {
        Optional<JsonWebToken> known = known(bearerToken);
        if (known.isPresent()) {
            return known.get();
        }
        JsonWebToken fresh = verifier.verify(bearerToken);
        verified.put(bearerToken, fresh);
        return fresh;
    }
}
