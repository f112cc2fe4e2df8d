package com.cerby.scimtoken.scimtoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenCipherTest {

    private static final String OLD_KEY = "key-1:" + Base64.getEncoder().encodeToString(bytes(32, 1));
    private static final String NEW_KEY = "key-2:" + Base64.getEncoder().encodeToString(bytes(32, 2));
    private final SecureRandom random = new SecureRandom();
    private final String token = TokenFormat.generate(random);
    private final UUID tokenId = UUID.randomUUID();

    private TokenCipher cipher(String activeKeyId, String... entries) {
        return new TokenCipher(TokenCipher.parseKeys(List.of(entries)), activeKeyId, random);
    }

    @Test
    void aSealedTokenOpensToTheSameToken() {
        TokenCipher cipher = cipher(null, OLD_KEY);

        SealedToken sealed = cipher.seal(token, "acme", tokenId);

        assertEquals("key-1", sealed.keyId());
        assertEquals(12, sealed.nonce().length);
        assertEquals(token.length() + 16, sealed.ciphertext().length);
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains(token.substring(5, 15)));
        assertEquals(token, cipher.open(sealed, "acme", tokenId));
    }

    @Test
    void everySealUsesAFreshNonce() {
        TokenCipher cipher = cipher(null, OLD_KEY);

        SealedToken first = cipher.seal(token, "acme", tokenId);
        SealedToken second = cipher.seal(token, "acme", tokenId);

        assertNotEquals(java.util.HexFormat.of().formatHex(first.nonce()),
                java.util.HexFormat.of().formatHex(second.nonce()));
    }

    @Test
    void aChangedCiphertextIsDetected() {
        TokenCipher cipher = cipher(null, OLD_KEY);
        SealedToken sealed = cipher.seal(token, "acme", tokenId);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[3] ^= 0x01;

        assertThrows(IllegalStateException.class,
                () -> cipher.open(new SealedToken("key-1", sealed.nonce(), tampered), "acme", tokenId));
    }

    @Test
    void aCiphertextMovedToAnotherWorkspaceOrTokenDoesNotOpen() {
        TokenCipher cipher = cipher(null, OLD_KEY);
        SealedToken sealed = cipher.seal(token, "acme", tokenId);

        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "other", tokenId));
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "acme", UUID.randomUUID()));
    }

    @Test
    void tokensSealedWithAnOlderKeyStillOpenAfterTheActiveKeyChanges() {
        SealedToken sealedWithOldKey = cipher(null, OLD_KEY).seal(token, "acme", tokenId);
        TokenCipher rotated = cipher("key-2", OLD_KEY, NEW_KEY);

        assertEquals(token, rotated.open(sealedWithOldKey, "acme", tokenId));
        assertEquals("key-2", rotated.seal(token, "acme", tokenId).keyId());
    }

    @Test
    void theFirstListedKeyIsActiveByDefault() {
        assertEquals("key-2", cipher(null, NEW_KEY, OLD_KEY).seal(token, "acme", tokenId).keyId());
    }

    @Test
    void aTokenSealedWithAKeyNoLongerListedCannotBeOpened() {
        SealedToken sealed = cipher(null, OLD_KEY).seal(token, "acme", tokenId);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> cipher(null, NEW_KEY).open(sealed, "acme", tokenId));
        assertTrue(failure.getMessage().contains("'key-1'"));
    }

    @Test
    void badKeyConfigurationIsRefusedWithoutRevealingKeyMaterial() {
        String shortKey = Base64.getEncoder().encodeToString(bytes(16, 3));
        assertRefused("must be 32 bytes", "k:" + shortKey, shortKey);
        assertRefused("is not valid base64", "k:not*base64", "not*base64");
        assertRefused("must look like <id>:<base64", shortKey, shortKey);
        assertRefused("repeats the key id", OLD_KEY + "," + OLD_KEY, OLD_KEY.substring(6));
        IllegalStateException unknownActive = assertThrows(IllegalStateException.class,
                () -> cipher("key-9", OLD_KEY));
        assertTrue(unknownActive.getMessage().contains("'key-9'"));
        assertFalse(unknownActive.getMessage().contains(OLD_KEY.substring(6)));
    }

    private static void assertRefused(String expected, String entries, String material) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> TokenCipher.parseKeys(List.of(entries.split(","))));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
        assertFalse(failure.getMessage().contains(material), "the message reveals key material");
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void keyMaterialRoundTripsThroughTheConfigurationFormat() {
        assertArrayEquals(bytes(32, 1), TokenCipher.parseKeys(List.of(OLD_KEY)).get("key-1").getEncoded());
    }
}
