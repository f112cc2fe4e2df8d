package com.cerby.scimtoken.common.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The one source of time, so tests can move it. It ticks in microseconds, the precision PostgreSQL keeps. */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}
