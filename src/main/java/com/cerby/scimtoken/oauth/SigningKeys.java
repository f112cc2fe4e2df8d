package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.common.db.AdvisoryLocks;
import com.cerby.scimtoken.common.db.ChangeFeed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The access tokens' ES256 signing keys, shared by every instance through the database. The newest key signs; when
 * it is older than {@code scim-token.oauth.signing-key-rotation} the first instance that notices makes a new one
 * (under an advisory lock, so two instances never both do), and tells the others through the {@link ChangeFeed}.
 * A replaced key stays published (in {@code /oauth2/jwks}, and accepted by introspection) until every token it signed
 * has expired: the access-token lifetime after its successor appeared, plus {@link #RETIREMENT_MARGIN}. Then it is
 * dropped from the set and deleted.
 *
 * <p>Each instance keeps the set in memory and reads it again when a change is heard, when a key is due to rotate
 * or to be dropped, and at least every {@link #RELOAD}, so that a missed notification costs at most that long.
 */
@Startup // a rotation period out of range stops the service at once
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    static final String CHANNEL = "oauth_signing_key";
    static final Duration MIN_ROTATION = Duration.ofDays(1);
    static final Duration MAX_ROTATION = Duration.ofDays(365);
    /** The longest an instance signs with a key after another instance replaced it (a lost notification). */
    static final Duration RELOAD = Duration.ofMinutes(1);
    /**
     * Beyond the access-token lifetime, how long a replaced key stays published: an instance may sign with it for up
     * to {@link #RELOAD} after its successor appeared, and the instances' clocks may differ a little.
     */
    static final Duration RETIREMENT_MARGIN = Duration.ofMinutes(5);

    private final EntityManager entityManager;
    private final SecretCipher cipher;
    private final AdvisoryLocks locks;
    private final ChangeFeed feed;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration rotation;
    private final Duration retention;
    private volatile Keys keys;

    /**
     * The current private key and every published public key, and when this instance must read them again (a
     * rotation or a retirement due, or {@link #RELOAD} after reading).
     */
    record Keys(EllipticCurveJsonWebKey current, JsonWebKeySet published, Instant readAgainAt) {
    }

    SigningKeys(EntityManager entityManager, SecretCipher cipher, AdvisoryLocks locks, ChangeFeed feed,
            SecureRandom random, Clock clock, OAuthConfig config) {
        this.entityManager = entityManager;
        this.cipher = cipher;
        this.locks = locks;
        this.feed = feed;
        this.random = random;
        this.clock = clock;
        this.rotation = checkedRotation(config.signingKeyRotation());
        this.retention = config.accessTokenTtl().plus(RETIREMENT_MARGIN);
        // Another instance rotated or dropped a key; null: the feed may have missed something. Read again either way.
        feed.subscribe(CHANNEL, changed -> forget());
    }

    /**
     * The rotation period, P1D to P365D: at least a day, far beyond the longest access-token lifetime (PT6H), so that
     * only the current and the previous key are ever published.
     */
    static Duration checkedRotation(Duration rotation) {
        if (rotation.compareTo(MIN_ROTATION) < 0 || rotation.compareTo(MAX_ROTATION) > 0) {
            throw new IllegalStateException(
                    "scim-token.oauth.signing-key-rotation must be from P1D to P365D, not " + rotation);
        }
        return rotation;
    }

    /** The keys, read (or made, or rotated) when due; a blocking call then. */
    Keys keys() {
        Keys known = keys;
        if (isStale(known)) {
            // One reload per instance at a time: the requests that find the set stale together wait for it.
            synchronized (this) {
                known = keys;
                if (isStale(known)) {
                    known = reload();
                }
            }
        }
        return known;
    }

    private boolean isStale(Keys known) {
        return known == null || !clock.instant().isBefore(known.readAgainAt());
    }

    /** Reads the keys now, rotating or dropping what is due (for tests, and whenever the set is stale). */
    Keys reload() {
        Keys previous = keys;
        Keys read = QuarkusTransaction.requiringNew().call(this::readOrRotate);
        // The minutely re-read mostly finds the same keys: keep the same set, so that what was built on it (the
        // introspection consumer and the tokens it verified) stays valid.
        if (previous != null && kids(previous).equals(kids(read))) {
            read = new Keys(previous.current(), previous.published(), read.readAgainAt());
        }
        keys = read;
        return read;
    }

    private static List<String> kids(Keys keys) {
        List<String> kids = new ArrayList<>(List.of(keys.current().getKeyId()));
        keys.published().getJsonWebKeys().forEach(key -> kids.add(key.getKeyId()));
        return kids;
    }

    /** Forgets the keys in memory: the next use reads them again. */
    void forget() {
        keys = null;
    }

    /** The public keys as {@code /oauth2/jwks} publishes them. */
    Map<String, Object> jwks() {
        return Map.of("keys", keys().published().getJsonWebKeys().stream()
                .map(key -> key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)).toList());
    }

    /**
     * Reads the stored keys without a lock; only when a key must be made (none yet, or the newest is due to rotate)
     * or dropped, takes the lock and reads again, so that of several instances noticing at once only the first acts.
     */
    private Keys readOrRotate() {
        Instant now = clock.instant();
        List<SigningKey> stored = stored();
        if (needsChange(stored, now)) {
            locks.lock("oauth-signing-key");
            stored = stored();
            if (needsChange(stored, now)) {
                stored = rotate(stored, now);
                feed.publish(CHANNEL, stored.get(0).kid());
            }
        }
        return toKeys(stored, now);
    }

    private List<SigningKey> stored() {
        return entityManager.createQuery("from SigningKey order by createdAt desc, kid", SigningKey.class)
                .getResultList();
    }

    private boolean needsChange(List<SigningKey> stored, Instant now) {
        return stored.isEmpty() || rotationDue(stored.get(0), now) || stored.size() > published(stored, now).size();
    }

    private boolean rotationDue(SigningKey newest, Instant now) {
        return !now.isBefore(newest.createdAt().plus(rotation));
    }

    /** The newest key and the replaced ones still published: each until its successor is {@link #retention} old. */
    private List<SigningKey> published(List<SigningKey> stored, Instant now) {
        List<SigningKey> published = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            if (i == 0 || now.isBefore(stored.get(i - 1).createdAt().plus(retention))) {
                published.add(stored.get(i));
            } else {
                break; // an older key's successor is older still
            }
        }
        return published;
    }

    /** Makes a new current key when none is or the newest is due, and deletes the keys no longer published. */
    private List<SigningKey> rotate(List<SigningKey> stored, Instant now) {
        List<SigningKey> keys = new ArrayList<>(stored);
        if (keys.isEmpty() || rotationDue(keys.get(0), now)) {
            SigningKey made = generate(now);
            keys.add(0, made);
            if (keys.size() > 1) {
                LOG.infof("A new access-token signing key %s is current; the previous one %s stays published until %s",
                        made.kid(), keys.get(1).kid(), now.plus(retention));
            }
        }
        List<SigningKey> kept = published(keys, now);
        keys.stream().filter(key -> !kept.contains(key)).forEach(entityManager::remove);
        return kept;
    }

    private Keys toKeys(List<SigningKey> stored, Instant now) {
        List<SigningKey> published = published(stored, now);
        try {
            SigningKey newest = published.get(0);
            EllipticCurveJsonWebKey current = (EllipticCurveJsonWebKey) JsonWebKey.Factory.newJwk(
                    cipher.open(newest.privateJwk(), SigningKey.cipherContext(newest.kid())));
            JsonWebKeySet set = new JsonWebKeySet();
            Instant readAgainAt = now.plus(RELOAD);
            Instant rotationAt = newest.createdAt().plus(rotation);
            if (rotationAt.isBefore(readAgainAt)) {
                readAgainAt = rotationAt;
            }
            for (int i = 0; i < published.size(); i++) {
                set.addJsonWebKey(JsonWebKey.Factory.newJwk(published.get(i).publicJwk()));
                if (i > 0) {
                    Instant droppedAt = published.get(i - 1).createdAt().plus(retention);
                    readAgainAt = droppedAt.isBefore(readAgainAt) ? droppedAt : readAgainAt;
                }
            }
            return new Keys(current, set, readAgainAt);
        } catch (JoseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }

    private SigningKey generate(Instant now) {
        try {
            EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256, null, random);
            String kid = UUID.randomUUID().toString();
            jwk.setKeyId(kid);
            jwk.setAlgorithm("ES256");
            jwk.setUse("sig");
            SigningKey key = SigningKey.of(kid,
                    cipher.seal(jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                            SigningKey.cipherContext(kid)),
                    jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), now);
            entityManager.persist(key);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("No P-256 key could be generated", e);
        }
    }
}
