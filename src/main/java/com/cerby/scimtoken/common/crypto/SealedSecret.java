package com.cerby.scimtoken.common.crypto;

/** A secret as stored: AES-256-GCM ciphertext (with tag), its 12-byte nonce and the id of the key used. */
public record SealedSecret(String keyId, byte[] nonce, byte[] ciphertext) {
}
