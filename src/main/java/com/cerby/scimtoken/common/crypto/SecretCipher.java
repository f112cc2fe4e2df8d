package com.cerby.scimtoken.common.crypto;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets (SCIM tokens, TOTP seeds) with AES-256-GCM. The caller names the secret's context (e.g. its
 * workspace and row id), which is bound in as associated data, so a ciphertext copied to another row, workspace
 * or kind of secret no longer decrypts. Several keys may be configured; the active one encrypts, any of them
 * decrypts, which lets operators rotate keys without re-encrypting at once.
 */
@Startup
@ApplicationScoped
public class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random;

    @Inject
    SecretCipher(EncryptionConfig config, SecureRandom random) {
        this(parseKeys(config.keys()), config.activeKeyId().orElse(null), random);
    }

    /** A cipher over parsed keys (see {@link #parseKeys}); the active one defaults to the first. */
    public SecretCipher(Map<String, SecretKey> keys, String activeKeyId, SecureRandom random) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("scim-token.encryption.keys lists no key");
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId == null ? keys.keySet().iterator().next() : activeKeyId;
        if (!this.keys.containsKey(this.activeKeyId)) {
            throw new IllegalStateException("scim-token.encryption.active-key-id names the key '" + this.activeKeyId
                    + "', which scim-token.encryption.keys does not list");
        }
        this.random = random;
    }

    /** Encrypts a secret for the given context, which must be given again to decrypt it. */
    public SealedSecret seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce, context);
            return new SealedSecret(activeKeyId, nonce, cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts a stored secret; fails when the key is unknown or the ciphertext or its context was altered. */
    public String open(SealedSecret sealed, String context) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("A secret of " + context + " is encrypted with the key '"
                    + sealed.keyId() + "', which scim-token.encryption.keys no longer lists");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.nonce(), context);
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The secret of " + context + " failed its integrity check", e);
        }
    }

    /**
     * A keyed hash (HMAC-SHA256) of a secret that is only ever compared, never read back (recovery codes), under a
     * key derived for the label from the active key: without the service's keys, a database dump cannot test
     * guesses against it. The key id is kept with the hash, to hash a candidate again under the same key.
     */
    public KeyedHash keyedHash(String label, String secret) {
        return new KeyedHash(activeKeyId, keyedHash(label, activeKeyId, secret));
    }

    /** The keyed hash of a secret under the key derived for the label from the named key (a stored hash's). */
    public byte[] keyedHash(String label, String keyId, String secret) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("A hash of " + label + " was made with the key '" + keyId
                    + "', which scim-token.encryption.keys no longer lists");
        }
        try {
            // HKDF-Expand (RFC 5869) with the random AES key as its pseudorandom key: one key per label, so a hash
            // never serves as a ciphertext's key or as another label's hash.
            Mac derive = Mac.getInstance(HMAC);
            derive.init(new SecretKeySpec(key.getEncoded(), HMAC));
            derive.update(("scim-token-service/" + label).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(derive.doFinal(new byte[] {1}), HMAC));
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** A keyed hash and the id of the key it was derived from. */
    public record KeyedHash(String keyId, byte[] hash) {
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** Reads {@code id:base64} entries; the messages never contain key material. */
    public static Map<String, SecretKey> parseKeys(List<String> entries) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).trim();
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon);
            String where = "scim-token.encryption.keys entry " + (i + 1);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException(where + " must look like <id>:<base64 of 32 random bytes>, with an id of"
                        + " 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(entry.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + " (key '" + id + "') is not valid base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalStateException(where + " (key '" + id + "') must be 32 bytes for AES-256, not "
                        + material.length);
            }
            if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalStateException(where + " repeats the key id '" + id + "'");
            }
        }
        return keys;
    }
}
