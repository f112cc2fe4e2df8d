package com.cerby.scimtoken.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockProducerTest {

    private final Clock clock = new ClockProducer().clock();

    @Test
    void theClockTicksInMicrosecondsInUtc() {
        Instant now = clock.instant();
        assertEquals(0, now.getNano() % 1000, now.toString());
        assertEquals(ZoneOffset.UTC, clock.getZone());
    }

    /** The access tokens' introspection reads millis(); a sub-millisecond Clock.tick divides by zero there. */
    @Test
    void millisAnswersInEveryZone() {
        assertEquals(java.time.ZoneId.of("Europe/Paris"), clock.withZone(java.time.ZoneId.of("Europe/Paris"))
                .getZone());
        clock.withZone(java.time.ZoneId.of("Europe/Paris")).millis();
        long before = System.currentTimeMillis();
        long millis = clock.millis();
        assertTrue(millis >= before && millis <= System.currentTimeMillis() + 1, Long.toString(millis));
    }
}
