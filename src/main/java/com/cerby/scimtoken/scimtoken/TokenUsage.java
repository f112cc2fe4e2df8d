package com.cerby.scimtoken.scimtoken;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import java.time.Instant;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each token was last used, gathered in memory by introspection and written in one batch every flush
 * interval (default 30 s): {@code lastUsedAt} stays within a minute of the truth without a write per request.
 */
@ApplicationScoped
public class TokenUsage {

    private final Map<UUID, Instant> lastUses = new ConcurrentHashMap<>();
    private final EntityManager entityManager;

    TokenUsage(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Notes a use; of concurrent uses any one may stay, they are microseconds apart. */
    void used(UUID tokenId, Instant when) {
        lastUses.put(tokenId, when);
    }

    @Scheduled(every = "${scim-token.token.last-used-flush-interval:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        flush();
    }

    /** Writes the gathered uses in one statement; answers how many tokens were updated. */
    @Transactional
    public int flush() {
        List<UUID> ids = new ArrayList<>();
        List<Timestamp> times = new ArrayList<>();
        for (UUID tokenId : Set.copyOf(lastUses.keySet())) {
            Instant when = lastUses.remove(tokenId);
            if (when != null) {
                ids.add(tokenId);
                times.add(Timestamp.from(when));
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update scim_token t set last_used_at = used.at
                    from unnest(?::uuid[], ?::timestamptz[]) as used(id, at)
                    where t.id = used.id and (t.last_used_at is null or t.last_used_at < used.at)
                      and (t.revoked_at is null or used.at <= t.revoked_at)""")) {
                update.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                update.setArray(2, connection.createArrayOf("timestamptz", times.toArray()));
                return update.executeUpdate();
            }
        });
    }
}
