package com.cerby.scimtoken.scimtoken;

/** A token as stored: AES-256-GCM ciphertext (with tag), its 12-byte nonce and the id of the key used. */
public record SealedToken(String keyId, byte[] nonce, byte[] ciphertext) {
}
