package com.cerby.scimtoken.verification;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service refuses to start with a verification lifetime the contract does not allow (at most 600 s). */
class VerificationConfigCheckTest {

    private static VerificationService withTtl(Duration ttl) {
        VerificationConfig config = new VerificationConfig() {
            @Override
            public Duration ttl() {
                return ttl;
            }

            @Override
            public Duration grantTtl() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(4);
            }

            @Override
            public Duration pushBlock() {
                return Duration.ofMinutes(15);
            }
        };
        return new VerificationService(null, null, null, null, null, null, null, config, null, null);
    }

    @Test
    void aTtlOfUpToTenMinutesIsAccepted() {
        assertDoesNotThrow(() -> withTtl(Duration.ofSeconds(600)));
        assertDoesNotThrow(() -> withTtl(Duration.ofSeconds(1)));
    }

    @Test
    void aLongerZeroOrNegativeTtlIsRefused() {
        assertThrows(IllegalStateException.class, () -> withTtl(Duration.ofSeconds(601)));
        assertThrows(IllegalStateException.class, () -> withTtl(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> withTtl(Duration.ofSeconds(-5)));
    }
}
