package com.cerby.scimtoken.scimtoken;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
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

    void used(UUID tokenId, Instant when) {
        lastUses.merge(tokenId, when, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    @Scheduled(every = "${scim-token.token.last-used-flush-interval:PT30S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        flush();
    }

    /** Writes the gathered uses; answers how many tokens were updated. */
    @Transactional
    public int flush() {
        int written = 0;
        for (UUID tokenId : Map.copyOf(lastUses).keySet()) {
            Instant when = lastUses.remove(tokenId);
            if (when != null) {
                written += entityManager.createNativeQuery("""
                        update scim_token set last_used_at = :when
                        where id = :id and (last_used_at is null or last_used_at < :when)""")
                        .setParameter("when", when)
                        .setParameter("id", tokenId)
                        .executeUpdate();
            }
        }
        return written;
    }
}
