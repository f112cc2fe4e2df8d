package com.cerby.scimtoken.verification;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The service refuses to start with a verification lifetime the contract does not allow (at most 600 s). */
class VerificationConfigCheckTest {

    @Test
    void aTtlOfUpToTenMinutesIsAccepted() {
        assertDoesNotThrow(() -> VerificationService.requireValidTtl(Duration.ofSeconds(600)));
        assertDoesNotThrow(() -> VerificationService.requireValidTtl(Duration.ofSeconds(1)));
    }

    @Test
    void aLongerZeroOrNegativeTtlIsRefused() {
        assertThrows(IllegalStateException.class, () -> VerificationService.requireValidTtl(Duration.ofSeconds(601)));
        assertThrows(IllegalStateException.class, () -> VerificationService.requireValidTtl(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> VerificationService.requireValidTtl(Duration.ofSeconds(-5)));
    }
}
