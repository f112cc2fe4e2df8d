package com.cerby.scimtoken.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in tests: real time plus an offset that a test moves forward instead of sleeping; a test
 * that counts in seconds (rate limits) may also stop it, so that the machine's speed cannot move it.
 */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant stoppedAt;

    public void advance(Duration amount) {
        offset = offset.plus(amount);
    }

    /** From now on the clock moves only when a test advances it. */
    public void stop() {
        stoppedAt = Instant.now();
    }

    public void reset() {
        offset = Duration.ZERO;
        stoppedAt = null;
    }

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt;
        return (stopped == null ? Instant.now() : stopped).plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service works in UTC");
    }
}
