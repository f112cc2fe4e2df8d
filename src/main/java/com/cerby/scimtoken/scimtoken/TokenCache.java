package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.db.ChangeFeed;
import com.cerby.scimtoken.common.db.DatabaseOutage;
import com.cerby.scimtoken.common.time.ClockNanos;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Token lookups by hash for introspection, kept in memory. Unknown hashes are cached too: a new token is random,
 * so nobody can have asked for it before it existed. A change of a workspace's tokens (rotation, revocation)
 * evicts that workspace's entries on this instance when its transaction commits, and on the others when the
 * {@link ChangeFeed} notification arrives (milliseconds later).
 *
 * <p>A revoked token must never come back: a load that read the database before a change committed and would
 * store its answer after the eviction is discarded (every eviction moves a generation that the load compares
 * before it stores), and every known token's entry expires after {@code scim-token.token.cache-ttl}, so an
 * eviction that was missed all the same (a lost notification) heals within that time; a token in use is read again
 * in the background after half that time. An unknown hash has nothing to heal and is not read again.
 */
@Startup
@ApplicationScoped
public class TokenCache {

    static final String CHANNEL = "scim_token_change";
    /** An unknown hash stays unknown: it leaves the cache only to make room. */
    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);
    /** At most this many tokens are read again in the background at once; beyond, they are read when they expire. */
    private static final int MAX_REFRESHES = 8;

    /** What introspection needs of a token, with its active answer written once, and when it was read. */
    record Entry(UUID id, String workspaceId, ScimTokenStatus status, Instant createdAt, Instant expiresAt,
            byte[] activeAnswer, Instant readAt) {

        static Entry of(ScimToken token, Instant readAt) {
            return new Entry(token.id(), token.workspaceId(), token.status(), token.createdAt(), token.expiresAt(),
                    IntrospectionResult.active(token.workspaceId(), token.id(), token.createdAt(), token.expiresAt()),
                    readAt);
        }

        boolean isActiveAt(Instant now) {
            return status != ScimTokenStatus.REVOKED && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    private final Cache<String, Optional<Entry>> entries;
    private final TokenLookup lookup;
    private final ChangeFeed feed;
    private final DatabaseOutage outage;
    private final Clock clock;
    private final Duration refreshAfter;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    /** Guards the generation: a load's check-and-store and an eviction's move-and-remove never interleave. */
    private final Object generationLock = new Object();
    private long generation;

    TokenCache(TokenLookup lookup, ChangeFeed feed, DatabaseOutage outage, TokenConfig config, Clock clock) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .expireAfter(Expiry.<String, Optional<Entry>>writing((hash, entry) -> entry.isPresent()
                        ? config.cacheTtl() : FOREVER))
                .ticker(() -> ClockNanos.of(clock))
                .build();
        this.lookup = lookup;
        this.feed = feed;
        this.outage = outage;
        this.clock = clock;
        this.refreshAfter = config.cacheTtl().dividedBy(2);
        feed.subscribe(CHANNEL, this::evictWorkspace);
    }

    /**
     * What memory knows of this lookup hash: null when it was never looked up (or was evicted, or expired). A known
     * token read more than half its time to live ago is read again in the background, so that a token in use is
     * seldom looked up while its caller waits.
     */
    Optional<Entry> cached(byte[] lookupHash) {
        String key = HexFormat.of().formatHex(lookupHash);
        Optional<Entry> cached = entries.getIfPresent(key);
        if (cached != null && cached.isPresent()
                && !clock.instant().isBefore(cached.get().readAt().plus(refreshAfter))) {
            refreshInBackground(key, lookupHash);
        }
        return cached;
    }

    /**
     * Reads the token again on a worker thread, through {@link #load} and its guard against racing changes. Until
     * then, and if the database cannot answer, the entry keeps its time to live. A few at once, so that a hung
     * database holds few worker threads.
     */
    private void refreshInBackground(String key, byte[] lookupHash) {
        if (refreshing.size() >= MAX_REFRESHES || !refreshing.add(key)) {
            return;
        }
        try {
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    outage.runJob("introspection cache refresh", () -> load(lookupHash));
                } finally {
                    refreshing.remove(key);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            refreshing.remove(key);
        }
    }

    /**
     * Looks the hash up in the database (blocking) and remembers the answer, found or not, unless a change of any
     * workspace's tokens was seen meanwhile: then the answer serves this request only.
     */
    Optional<Entry> load(byte[] lookupHash) {
        long before;
        synchronized (generationLock) {
            before = generation;
        }
        Optional<Entry> loaded = lookup.find(lookupHash, clock.instant());
        synchronized (generationLock) {
            if (generation == before) {
                entries.put(HexFormat.of().formatHex(lookupHash), loaded);
            }
        }
        return loaded;
    }

    /** Announces that the workspace's tokens changed, to this instance after commit and to the others. */
    @Transactional(Transactional.TxType.MANDATORY)
    void changed(String workspaceId) {
        feed.publishAndApply(CHANNEL, workspaceId, () -> evictWorkspace(workspaceId));
    }

    /** Drops the known tokens of a workspace, or every known token when the feed reconnected (null). */
    private void evictWorkspace(String workspaceId) {
        synchronized (generationLock) {
            generation++;
            entries.asMap().values().removeIf(entry -> entry.isPresent()
                    && (workspaceId == null || entry.get().workspaceId().equals(workspaceId)));
        }
    }
}
