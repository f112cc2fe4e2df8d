package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.db.DatabaseOutage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Forgets the {@code jti}s of client assertions that have expired: an expired assertion is refused for its
 * {@code exp} anyway, so its row no longer guards anything.
 */
@ApplicationScoped
public class UsedAssertionSweeper {

    private final EntityManager entityManager;
    private final DatabaseOutage outage;
    private final Clock clock;

    UsedAssertionSweeper(EntityManager entityManager, DatabaseOutage outage, Clock clock) {
        this.entityManager = entityManager;
        this.outage = outage;
        this.clock = clock;
    }

    @Scheduled(every = "${scim-token.oauth.federation.sweep-interval:PT5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        outage.runJob("used client assertion sweep", this::sweep);
    }

    /** Deletes the expired rows; answers how many. */
    @Transactional
    public int sweep() {
        return entityManager.createNativeQuery("delete from used_assertion where expires_at < :now")
                .setParameter("now", clock.instant()).executeUpdate();
    }
}
