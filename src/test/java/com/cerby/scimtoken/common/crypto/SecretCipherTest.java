package com.cerby.scimtoken.common.crypto;

import com.cerby.scimtoken.scimtoken.TokenFormat;

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

class SecretCipherTest {

    private static final String OLD_KEY = "key-1:" + Base64.getEncoder().encodeToString(bytes(32, 1));
    private static final String NEW_KEY = "key-2:" + Base64.getEncoder().encodeToString(bytes(32, 2));
    private final SecureRandom random = new SecureRandom();
    private final String token = TokenFormat.generate(random);
    private final String context = "scim-token/acme/" + UUID.randomUUID();

    private SecretCipher cipher(String activeKeyId, String... entries) {
        return new SecretCipher(SecretCipher.parseKeys(List.of(entries)), activeKeyId, random);
    }

    @Test
    void aSealedSecretOpensToTheSameToken() {
        SecretCipher cipher = cipher(null, OLD_KEY);

        SealedSecret sealed = cipher.seal(token, context);

        assertEquals("key-1", sealed.keyId());
        assertEquals(12, sealed.nonce().length);
        assertEquals(token.length() + 16, sealed.ciphertext().length);
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains(token.substring(5, 15)));
        assertEquals(token, cipher.open(sealed, context));
    }

    @Test
    void everySealUsesAFreshNonce() {
        SecretCipher cipher = cipher(null, OLD_KEY);

        SealedSecret first = cipher.seal(token, context);
        SealedSecret second = cipher.seal(token, context);

        assertNotEquals(java.util.HexFormat.of().formatHex(first.nonce()),
                java.util.HexFormat.of().formatHex(second.nonce()));
    }

    @Test
    void aChangedCiphertextIsDetected() {
        SecretCipher cipher = cipher(null, OLD_KEY);
        SealedSecret sealed = cipher.seal(token, context);
        byte[] tampered = sealed.ciphertext().clone();
        tampered[3] ^= 0x01;

        assertThrows(IllegalStateException.class,
                () -> cipher.open(new SealedSecret("key-1", sealed.nonce(), tampered), context));
    }

    @Test
    void aCiphertextMovedToAnotherContextDoesNotOpen() {
        SecretCipher cipher = cipher(null, OLD_KEY);
        SealedSecret sealed = cipher.seal(token, context);

        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, context.replace("acme", "other")));
        assertThrows(IllegalStateException.class, () -> cipher.open(sealed, "scim-token/acme/" + UUID.randomUUID()));
    }

    @Test
    void tokensSealedWithAnOlderKeyStillOpenAfterTheActiveKeyChanges() {
        SealedSecret sealedWithOldKey = cipher(null, OLD_KEY).seal(token, context);
        SecretCipher rotated = cipher("key-2", OLD_KEY, NEW_KEY);

        assertEquals(token, rotated.open(sealedWithOldKey, context));
        assertEquals("key-2", rotated.seal(token, context).keyId());
    }

    @Test
    void theFirstListedKeyIsActiveByDefault() {
        assertEquals("key-2", cipher(null, NEW_KEY, OLD_KEY).seal(token, context).keyId());
    }

    @Test
    void aTokenSealedWithAKeyNoLongerListedCannotBeOpened() {
        SealedSecret sealed = cipher(null, OLD_KEY).seal(token, context);

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> cipher(null, NEW_KEY).open(sealed, context));
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
                () -> SecretCipher.parseKeys(List.of(entries.split(","))));
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
        assertArrayEquals(bytes(32, 1), SecretCipher.parseKeys(List.of(OLD_KEY)).get("key-1").getEncoded());
    }

    @Test
    void aKeyedHashIsTheSameUnderItsKeyAndDiffersForAnotherKeyLabelOrSecret() {
        SecretCipher rotated = cipher("key-2", OLD_KEY, NEW_KEY);
        SecretCipher.KeyedHash hash = cipher(null, OLD_KEY).keyedHash("recovery-code", "alice:7hq2m9xk");

        assertEquals("key-1", hash.keyId());
        assertEquals(32, hash.hash().length);
        assertArrayEquals(hash.hash(), rotated.keyedHash("recovery-code", "key-1", "alice:7hq2m9xk"));
        assertEquals("key-2", rotated.keyedHash("recovery-code", "alice:7hq2m9xk").keyId());
        assertFalse(java.util.Arrays.equals(hash.hash(), rotated.keyedHash("recovery-code", "alice:7hq2m9xk").hash()));
        assertFalse(java.util.Arrays.equals(hash.hash(), rotated.keyedHash("other", "key-1", "alice:7hq2m9xk")));
        assertFalse(java.util.Arrays.equals(hash.hash(), rotated.keyedHash("recovery-code", "key-1", "bob:7hq2m9xk")));
        assertFalse(java.util.Arrays.equals(hash.hash(), Sha256.of("alice:7hq2m9xk")));
        assertThrows(IllegalStateException.class, () -> cipher(null, NEW_KEY).keyedHash("recovery-code", "key-1", "x"));
    }
}
