package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The access tokens' ES256 signing key, shared by every instance through the database: the first instance that
 * needs one generates it under an advisory lock, the others read it. Kept in memory once read.
 */
@ApplicationScoped
public class SigningKeys {

    private final EntityManager entityManager;
    private final SecretCipher cipher;
    private final AdvisoryLocks locks;
    private final SecureRandom random;
    private final Clock clock;
    private volatile Keys keys;

    /** The current private key and every published public key. */
    record Keys(EllipticCurveJsonWebKey current, JsonWebKeySet published) {
    }

    SigningKeys(EntityManager entityManager, SecretCipher cipher, AdvisoryLocks locks, SecureRandom random,
            Clock clock) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.locks = locks;
        this.random = random;
        this.clock = clock;
    }

    /** The keys, read (or made) on first use; a blocking call. */
    Keys keys() {
        Keys known = keys;
        if (known == null) {
            known = QuarkusTransaction.requiringNew().call(this::loadOrCreate);
            keys = known;
        }
        return known;
    }

    /** The public keys as {@code /oauth2/jwks} publishes them. */
    Map<String, Object> jwks() {
        return Map.of("keys", keys().published().getJsonWebKeys().stream()
                .map(key -> key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).toList());
    }

    private Keys loadOrCreate() {
        locks.lock("oauth-signing-key");
        List<SigningKey> stored = entityManager
                .createQuery("from SigningKey order by createdAt desc", SigningKey.class).getResultList();
        if (stored.isEmpty()) {
            stored = List.of(generate());
        }
        try {
            SigningKey newest = stored.get(0);
            EllipticCurveJsonWebKey current = (EllipticCurveJsonWebKey) JsonWebKey.Factory.newJwk(
                    cipher.open(newest.privateJwk(), SigningKey.cipherContext(newest.kid())));
            JsonWebKeySet published = new JsonWebKeySet();
            for (SigningKey key : stored) {
                published.addJsonWebKey(JsonWebKey.Factory.newJwk(key.publicJwk()));
            }
            return new Keys(current, published);
        } catch (JoseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }

    private SigningKey generate() {
        try {
            EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256, null, random);
            String kid = UUID.randomUUID().toString();
            jwk.setKeyId(kid);
            jwk.setAlgorithm("ES256");
            jwk.setUse("sig");
            SigningKey key = SigningKey.of(kid,
                    cipher.seal(jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                            SigningKey.cipherContext(kid)),
                    jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), clock.instant());
            entityManager.persist(key);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("No P-256 key could be generated", e);
        }
    }
}
