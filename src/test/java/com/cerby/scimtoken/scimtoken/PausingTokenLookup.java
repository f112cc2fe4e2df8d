package com.cerby.scimtoken.scimtoken;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token lookup with a pause between the database read and the answer's return to the cache, armed by a test:
 * it forces, without timing luck, the race in which a revocation commits while a load is in flight. It also counts
 * the loads.
 */
@Alternative
@Singleton
public class PausingTokenLookup extends TokenLookup {

    private static final AtomicInteger LOADS = new AtomicInteger();
    private static volatile CountDownLatch read;
    private static volatile CountDownLatch release;

    PausingTokenLookup(EntityManager entityManager) {
        super(entityManager);
    }

    /** The next load pauses after its read until {@link #release()}. */
    static void pauseNextLoad() {
        read = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    static void awaitRead() throws InterruptedException {
        if (!read.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no load read the database");
        }
    }

    static void release() {
        release.countDown();
    }

    static int loads() {
        return LOADS.get();
    }

    @Override
    Optional<TokenCache.Entry> find(byte[] lookupHash, Instant now) {
        LOADS.incrementAndGet();
        Optional<TokenCache.Entry> found = super.find(lookupHash, now);
        CountDownLatch paused = release;
        if (paused != null && read.getCount() > 0) {
            read.countDown();
            try {
                paused.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return found;
    }
}
