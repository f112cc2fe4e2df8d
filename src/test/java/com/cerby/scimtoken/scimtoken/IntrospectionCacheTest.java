package com.cerby.scimtoken.scimtoken;

import static com.cerby.scimtoken.support.Flows.approved;
import static com.cerby.scimtoken.support.Flows.approvedReveal;
import static com.cerby.scimtoken.support.Flows.introspect;
import static com.cerby.scimtoken.support.Flows.revoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.common.db.ChangeFeed;
import com.cerby.scimtoken.support.DatabaseTest;
import com.cerby.scimtoken.support.Eventually;
import com.cerby.scimtoken.support.TestDatabase;
import com.cerby.scimtoken.support.TestPhone;
import com.cerby.scimtoken.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The introspection cache never brings a revoked token back: not by a racing load, nor by a lost eviction; an
 * unknown token, which cannot become known, is not read again.
 */
@QuarkusTest
@TestProfile(IntrospectionCacheTest.PausableLoads.class)
class IntrospectionCacheTest extends DatabaseTest {

    public static class PausableLoads implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(PausingTokenLookup.class);
        }
    }

    private static final String INACTIVE = "{\"active\":false}";

    @Inject
    ChangeFeed feed;

    private static boolean isActive(String token) {
        return !INACTIVE.equals(introspect(token).statusCode(200).extract().asString());
    }

    /** Counts down when the feed tells the token cache about the workspace (or to forget everything: null). */
    private CountDownLatch nextChangeOf(String workspaceId) {
        CountDownLatch heard = new CountDownLatch(1);
        feed.subscribe(TokenCache.CHANNEL, changed -> {
            if (workspaceId == null ? changed == null : workspaceId.equals(changed)) {
                heard.countDown();
            }
        });
        return heard;
    }

    private void revokeBehindTheCachesBack(UUID tokenId) throws Exception {
        database.execute("update scim_token set status = 'REVOKED', revoked_at = now() where id = ?", tokenId);
    }

    @Test
    void aLoadThatReadTheTokenBeforeARevocationCommittedIsNotCached() throws Exception {
        String owner = TestTokens.jwt("olivia", "acme", "owner");
        TestPhone phone = TestPhone.enrolledFor(owner);
        String token = approvedReveal(owner, "acme", phone).statusCode(200).extract().path("token");
        String revocation = approved(owner, "acme", phone, "revoke");
        CountDownLatch notified = nextChangeOf("acme");

        PausingTokenLookup.pauseNextLoad();
        CompletableFuture<Boolean> inFlight = CompletableFuture.supplyAsync(() -> isActive(token));
        PausingTokenLookup.awaitRead();
        revoke(owner, "acme", revocation).statusCode(204);
        assertTrue(notified.await(10, TimeUnit.SECONDS), "the NOTIFY eviction arrived");
        PausingTokenLookup.release();

        assertTrue(inFlight.get(10, TimeUnit.SECONDS), "the racing load read the token while it was active");
        assertEquals(false, isActive(token), "the racing load put the revoked token back into the cache");
    }

    @Test
    void aMissedEvictionHealsWithinTheCacheTtl() throws Exception {
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        assertTrue(isActive(stored.token()));
        revokeBehindTheCachesBack(stored.id());

        clock.advance(Duration.ofSeconds(59));
        assertTrue(isActive(stored.token()), "within the TTL the cache still answers");
        clock.advance(Duration.ofSeconds(2));

        assertEquals(false, isActive(stored.token()));
    }

    @Test
    void aTokenInUseIsReadAgainInTheBackgroundAfterHalfItsTtl() throws Exception {
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        assertTrue(isActive(stored.token()));
        revokeBehindTheCachesBack(stored.id());
        int loads = PausingTokenLookup.loads();

        clock.advance(Duration.ofSeconds(29));
        assertTrue(isActive(stored.token()));
        assertEquals(loads, PausingTokenLookup.loads(), "read again before half its TTL");

        clock.advance(Duration.ofSeconds(2));
        PausingTokenLookup.pauseNextLoad();
        assertTrue(isActive(stored.token()), "the cache answers while the token is read again");
        PausingTokenLookup.awaitRead();
        PausingTokenLookup.release();
        Eventually.within(Duration.ofSeconds(10), "the background read replaced the entry",
                () -> !isActive(stored.token()));
    }

    @Test
    void anUnknownTokenIsNotReadAgainAfterTheTtl() {
        String unknown = TokenFormat.generate(new SecureRandom());
        assertFalse(isActive(unknown));
        int loads = PausingTokenLookup.loads();

        clock.advance(Duration.ofMinutes(10));

        assertFalse(isActive(unknown));
        assertEquals(loads, PausingTokenLookup.loads(), "the unknown token was read again");
    }

    @Test
    void aKilledListenConnectionIsReplacedAndEveryCachedTokenForgotten() throws Exception {
        TestDatabase.StoredToken stored = database.insertToken("acme", "CURRENT", "alice", Instant.now(), null);
        assertTrue(isActive(stored.token()));
        revokeBehindTheCachesBack(stored.id());
        assertTrue(isActive(stored.token()), "the cache does not know of the change");
        CountDownLatch forgotten = nextChangeOf(null);

        assertEquals(1L, database.queryValue("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name = ?", ChangeFeed.APPLICATION_NAME));

        assertTrue(forgotten.await(15, TimeUnit.SECONDS), "the feed listened again and said to forget everything");
        assertEquals(false, isActive(stored.token()));
    }
}
