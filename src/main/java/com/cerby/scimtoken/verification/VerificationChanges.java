package com.cerby.scimtoken.verification;

import com.cerby.scimtoken.common.db.ChangeFeed;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells long polls that a verification changed, on every instance (through the {@link ChangeFeed}). Waiting holds
 * no thread: a waiter is a future that a notification completes.
 *
 * <p>When the instance shuts down, long polls keep waiting while readiness is down ({@code quarkus.shutdown.delay})
 * and are answered, with the state as it is then, when the delay ends: before the HTTP server stops taking requests
 * and waits for those under way. A long poll that arrives after that is not made to wait.
 */
@Startup
@ApplicationScoped
public class VerificationChanges {

    static final String CHANNEL = "scim_token_verification";

    private final Map<UUID, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final ChangeFeed feed;
    private final Duration shutdownDelay;
    private volatile boolean stopped;

    VerificationChanges(ChangeFeed feed,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> shutdownDelay) {
        this.feed = feed;
        this.shutdownDelay = shutdownDelay.orElse(Duration.ZERO);
        feed.subscribe(CHANNEL, this::wake);
    }

    /** A future completed when the verification changes next; pass it to {@link #forget} when done waiting. */
    public CompletableFuture<Void> nextChange(UUID verificationId) {
        CompletableFuture<Void> change = new CompletableFuture<>();
        waiters.computeIfAbsent(verificationId, id -> ConcurrentHashMap.newKeySet()).add(change);
        if (stopped) {
            change.complete(null);
        }
        return change;
    }

    void onShutdown(@Observes ShutdownDelayInitiatedEvent shutdown) {
        CompletableFuture.delayedExecutor(shutdownDelay.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            stopped = true;
            wake(null);
        });
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
