package com.cerby.scimtoken.common.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the log says about a database outage: one warning when the first request or job finds the database
 * unavailable, one line when it answers again, and nothing in between but debug lines. Without it, every request
 * and every scheduled run of an outage would log its own stack trace.
 *
 * <p>When an outage begins, the pool's connections are replaced: idle ones at once, those in use when they are
 * returned. After a restart or failover they would otherwise each fail one request (and the readiness check) before
 * the pool noticed; while the database is down or hung, requests then fail fast for want of a new connection.
 *
 * <p>The database has answered again when the change feed connects or passes its heartbeat. An outage ends at the
 * first such answer with no failure since the answer before it, so an overload in which some requests still fail
 * stays one outage.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);

    private final AgroalDataSource pool;
    private final Clock clock;
    private volatile boolean ongoing;
    private boolean failedSinceLastAnswer;
    private Instant since;
    private long failures;

    DatabaseOutage(AgroalDataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * Notes a failure whose cause {@link DatabaseUnavailable} recognised; answers false when the failure is of
     * another kind, which the caller handles as before.
     */
    public boolean failed(String what, Throwable failure) {
        Optional<String> reason = DatabaseUnavailable.reason(failure);
        reason.ifPresent(why -> failed(what, why));
        return reason.isPresent();
    }

    /** Notes that something (a request, a job, the change feed) found the database unavailable, and why. */
    public synchronized void failed(String what, String reason) {
        failures++;
        failedSinceLastAnswer = true;
        if (ongoing) {
            LOG.debugf("The database is still unavailable (%s: %s)", what, reason);
            return;
        }
        ongoing = true;
        since = clock.instant();
        pool.flush(AgroalDataSource.FlushMode.GRACEFUL);
        LOG.warnf("The database is unavailable (%s: %s); what needs it answers 503 until it answers again", what,
                reason);
    }

    /** Notes that the database answered. */
    public void answered() {
        if (!ongoing) {
            return;
        }
        synchronized (this) {
            if (failedSinceLastAnswer) {
                failedSinceLastAnswer = false;
            } else if (ongoing) {
                ongoing = false;
                LOG.infof("The database answers again, after %d s unavailable and %d failed requests or jobs",
                        Duration.between(since, clock.instant()).toSeconds(), failures);
                failures = 0;
            }
        }
    }

    /**
     * Runs one turn of a scheduled job. A turn that finds the database unavailable is noted here and ends; the next
     * turn tries again. Any other failure propagates to the scheduler, which logs it.
     */
    public void runJob(String job, Runnable turn) {
        try {
            turn.run();
        } catch (RuntimeException e) {
            if (!failed(job, e)) {
                throw e;
            }
        }
    }
}
