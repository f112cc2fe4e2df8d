package com.cerby.scimtoken.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How a typed recovery code is read before it is compared: forgiving of case, dashes and look-alikes only. */
class RecoveryCodeFormatTest {

    @Test
    void caseDashesAndSpacesDoNotMatter() {
        assertEquals("7hq2m9xk", RecoveryCodes.normalized("7hq2-m9xk"));
        assertEquals("7hq2m9xk", RecoveryCodes.normalized("7HQ2M9XK"));
        assertEquals("7hq2m9xk", RecoveryCodes.normalized(" 7hq2 - m9xk "));
    }

    @Test
    void lettersTypedForLookAlikeDigitsAreReadAsTheDigits() {
        assertEquals("0011abcd", RecoveryCodes.normalized("oOil-abcd"));
    }

    @Test
    void anythingElseIsNoCode() {
        assertNull(RecoveryCodes.normalized("7hq2-m9x"));
        assertNull(RecoveryCodes.normalized("7hq2-m9xkk"));
        assertNull(RecoveryCodes.normalized("7hq2-m9xu"));
        assertNull(RecoveryCodes.normalized("7hq2_m9xk"));
        assertNull(RecoveryCodes.normalized("--------"));
    }
}
