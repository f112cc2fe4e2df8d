package com.cerby.scimtoken.common.time;

import java.time.Clock;
import java.time.Instant;

/** The clock's time in nanoseconds, for libraries that keep time as a number (Caffeine's ticker, Bucket4j's meter). */
public final class ClockNanos {

    private ClockNanos() {
    }

    public static long of(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
