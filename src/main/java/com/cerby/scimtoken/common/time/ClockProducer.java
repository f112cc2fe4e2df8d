package com.cerby.scimtoken.common.time;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** The one source of time, so tests can move it. It ticks in microseconds, the precision PostgreSQL keeps. */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return new MicrosecondClock(Clock.systemUTC());
    }

    /**
     * The system clock truncated to microseconds. Not {@code Clock.tick(systemUTC(), 1 µs)}: on JDK 17 that clock's
     * {@code millis()} divides by zero for a tick under a millisecond (an ArithmeticException in every caller that
     * asks for millis, such as the access tokens' introspection).
     */
    static final class MicrosecondClock extends Clock {

        private final Clock system;

        MicrosecondClock(Clock system) {
            this.system = system;
        }

        @Override
        public ZoneId getZone() {
            return system.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new MicrosecondClock(system.withZone(zone));
        }

        @Override
        public Instant instant() {
            return system.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            return system.millis();
        }
    }
}
