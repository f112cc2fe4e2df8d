package com.cerby.scimtoken.scimtoken;

import com.cerby.scimtoken.common.db.DatabaseOutage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import java.time.Instant;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;

/**
 * When each token was last used, gathered in memory by introspection and written in one batch every flush
 * interval (default 30 s): {@code lastUsedAt} stays within a minute of the truth without a write per request.
 * Uses that could not be written (the database was unavailable) are kept for the next flush; the last ones are
 * written when the instance shuts down.
 */
@ApplicationScoped
public class TokenUsage {

    private final Map<UUID, Instant> lastUses = new ConcurrentHashMap<>();
    private final EntityManager entityManager;
    private final DatabaseOutage outage;

    TokenUsage(EntityManager entityManager, DatabaseOutage outage) {
        this.entityManager = entityManager;
        this.outage = outage;
    }

    /** Notes a use; of concurrent uses any one may stay, they are microseconds apart. */
    void used(UUID tokenId, Instant when) {
        lastUses.put(tokenId, when);
    }

    @Scheduled(every = "${scim-token.token.last-used-flush-interval:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        outage.runJob("last-use flush", this::flush);
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        outage.runJob("last-use flush", this::flush);
    }

    /** Writes the gathered uses in one statement; answers how many tokens were updated. */
    public int flush() {
        Map<UUID, Instant> taken = new HashMap<>();
        for (UUID tokenId : Set.copyOf(lastUses.keySet())) {
            Instant when = lastUses.remove(tokenId);
            if (when != null) {
                taken.put(tokenId, when);
            }
        }
        if (taken.isEmpty()) {
            return 0;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> write(taken));
        } catch (RuntimeException e) {
            BinaryOperator<Instant> later = BinaryOperator.maxBy(Comparator.naturalOrder());
            taken.forEach((tokenId, when) -> lastUses.merge(tokenId, when, later));
            throw e;
        }
    }

    private int write(Map<UUID, Instant> uses) {
        UUID[] ids = uses.keySet().toArray(UUID[]::new);
        Timestamp[] times = new Timestamp[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = Timestamp.from(uses.get(ids[i]));
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update scim_token t set last_used_at = used.at
                    from unnest(?::uuid[], ?::timestamptz[]) as used(id, at)
                    where t.id = used.id and (t.last_used_at is null or t.last_used_at < used.at)
                      and (t.revoked_at is null or used.at <= t.revoked_at)""")) {
                update.setArray(1, connection.createArrayOf("uuid", ids));
                update.setArray(2, connection.createArrayOf("timestamptz", times));
                return update.executeUpdate();
            }
        });
    }
}
