package com.cerby.scimtoken.factor;

import com.cerby.scimtoken.common.db.DatabaseOutage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/** Deletes unfinished enrollments past {@code scim-token.factors.pending-ttl}, of every kind, on a schedule. */
@ApplicationScoped
public class PendingEnrollmentSweeper {

    private final Instance<PendingEnrollments> kinds;
    private final DatabaseOutage outage;
    private final Clock clock;

    PendingEnrollmentSweeper(Instance<PendingEnrollments> kinds, DatabaseOutage outage, Clock clock) {
        this.kinds = kinds;
        this.outage = outage;
        this.clock = clock;
    }

    @Scheduled(every = "${scim-token.factors.sweep-interval:PT1M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        outage.runJob("pending enrollment sweep", this::sweep);
    }

    /** Deletes every kind's dead enrollments; answers how many. */
    @Transactional
    public int sweep() {
        Instant now = clock.instant();
        return kinds.stream().mapToInt(kind -> kind.sweep(now)).sum();
    }
}
