package com.cerby.scimtoken.oauth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scim-token.oauth.access-token-ttl is PT5M to PT6H, scim-token.oauth.signing-key-rotation P1D to P365D: anything
 * else stops the service at startup.
 */
class AccessTokenTtlTest {

    private static TokenService withTtl(Duration ttl) {
        OAuthConfig config = new OAuthConfig() {
            @Override
            public Optional<String> issuer() {
                return Optional.empty();
            }

            @Override
            public String audience() {
                return "scim";
            }

            @Override
            public Duration accessTokenTtl() {
                return ttl;
            }

            @Override
            public Optional<String> scimUrl() {
                return Optional.empty();
            }

            @Override
            public Duration signingKeyRotation() {
                return Duration.ofDays(30);
            }
        };
        return new TokenService(null, null, null, null, config, Clock.systemUTC());
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT4M59S", "PT6H1S", "PT0S" })
    void aLifetimeOutOfRangeIsRefused(String ttl) {
        assertThrows(IllegalStateException.class, () -> withTtl(Duration.parse(ttl)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT5M", "PT1H", "PT6H" })
    void aLifetimeInRangeIsTaken(String ttl) {
        assertDoesNotThrow(() -> withTtl(Duration.parse(ttl)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT23H59M59S", "P365DT1S", "PT0S", "PT6H" })
    void aSigningKeyRotationOutOfRangeIsRefused(String rotation) {
        assertThrows(IllegalStateException.class, () -> SigningKeys.checkedRotation(Duration.parse(rotation)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "P1D", "P30D", "P365D" })
    void aSigningKeyRotationInRangeIsTaken(String rotation) {
        assertDoesNotThrow(() -> SigningKeys.checkedRotation(Duration.parse(rotation)));
    }
}
