package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.db.ChangeFeed;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells long polls that a verification changed, on every instance (through the {@link ChangeFeed}). Waiting holds
 * no thread: a waiter is a future that a notification completes.
 */
@Startup
@ApplicationScoped
public class VerificationChanges {

    static final String CHANNEL = "scim_token_verification";

    private final Map<UUID, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final ChangeFeed feed;

    VerificationChanges(ChangeFeed feed) {
        this.feed = feed;
        feed.subscribe(CHANNEL, this::wake);
    }

    /** A future completed when the verification changes next; pass it to {@link #forget} when done waiting. */
    public CompletableFuture<Void> nextChange(UUID verificationId) {
        CompletableFuture<Void> change = new CompletableFuture<>();
        waiters.computeIfAbsent(verificationId, id -> ConcurrentHashMap.newKeySet()).add(change);
        return change;
    }

    public void forget(UUID verificationId, CompletableFuture<Void> change) {
        waiters.computeIfPresent(verificationId, (id, futures) -> {
            futures.remove(change);
            return futures.isEmpty() ? null : futures;
        });
    }

    /** Announces a change; it is delivered when the caller's transaction commits, never if it rolls back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(UUID verificationId) {
        feed.publish(CHANNEL, verificationId.toString());
    }

    /** Completes the waiters of one verification, or of all after the feed reconnected (null). */
    private void wake(String verificationId) {
        if (verificationId == null) {
            waiters.keySet().forEach(id -> complete(waiters.remove(id)));
            return;
        }
        try {
            complete(waiters.remove(UUID.fromString(verificationId)));
        } catch (IllegalArgumentException notAnId) {
            // not ours to wake
        }
    }

    private static void complete(Set<CompletableFuture<Void>> woken) {
        if (woken != null) {
            woken.forEach(change -> change.complete(null));
        }
    }
}
