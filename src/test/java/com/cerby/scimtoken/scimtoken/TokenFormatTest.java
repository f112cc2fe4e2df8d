package com.cerby.scimtoken.scimtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFormatTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final SecureRandom random = new SecureRandom();

    @Test
    void aTokenIsThePrefixFortyThreeRandomAndSixChecksumCharacters() {
        String token = TokenFormat.generate(random);

        assertEquals(54, token.length());
        assertTrue(token.matches("scim_[0-9A-Za-z]{49}"), token.substring(0, 5));
        assertEquals(TokenFormat.checksum(token.substring(5, 48)), token.substring(48));
        assertTrue(TokenFormat.isWellFormed(token));
    }

    @Test
    void theRandomPartCarriesAtLeast256Bits() {
        double bits = 43 * Math.log(62) / Math.log(2);
        assertTrue(bits >= 256, "43 base62 characters carry " + bits + " bits");
    }

    @Test
    void everyCharacterOfTheAlphabetAppearsAndTokensDoNotRepeat() {
        Set<Character> seen = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String token = TokenFormat.generate(random);
            tokens.add(token);
            token.substring(5, 48).chars().forEach(c -> seen.add((char) c));
        }
        assertEquals(2000, tokens.size());
        assertEquals(62, seen.size());
    }

    @Test
    void theChecksumCatchesEveryChangedCharacter() {
        String token = TokenFormat.generate(random);
        for (int position = 5; position < token.length(); position++) {
            for (char replacement : BASE62.toCharArray()) {
                if (replacement != token.charAt(position)) {
                    String changed = token.substring(0, position) + replacement + token.substring(position + 1);
                    assertFalse(TokenFormat.isWellFormed(changed), "changed at " + position);
                }
            }
        }
    }

    @Test
    void wrongPrefixLengthOrAlphabetIsNotWellFormed() {
        String token = TokenFormat.generate(random);

        assertFalse(TokenFormat.isWellFormed(null));
        assertFalse(TokenFormat.isWellFormed(""));
        assertFalse(TokenFormat.isWellFormed("SCIM_" + token.substring(5)));
        assertFalse(TokenFormat.isWellFormed(token + "0"));
        assertFalse(TokenFormat.isWellFormed(token.substring(0, 53)));
        assertFalse(TokenFormat.isWellFormed(token.substring(0, 20) + "-" + token.substring(21)));
    }

    @Test
    void theHintShowsThePrefixAndTheLastFourCharacters() {
        String token = TokenFormat.generate(random);

        assertEquals("scim_…" + token.substring(50), TokenFormat.hint(token));
    }

    @Test
    void theLookupHashIsTheSha256OfTheToken() {
        assertEquals(32, TokenFormat.lookupHash("scim_x").length);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                java.util.HexFormat.of().formatHex(TokenFormat.lookupHash("")));
    }
}
