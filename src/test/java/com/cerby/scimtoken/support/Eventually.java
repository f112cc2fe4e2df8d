package com.cerby.scimtoken.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * Waits for something another process does (a server that comes back, a log line), asking again every 100 ms until
 * a deadline; the deadline is the bound the test checks. Never used to let the service's own time pass.
 */
public final class Eventually {

    private static final long ASK_AGAIN_MILLIS = 100;

    private Eventually() {
    }

    /** Answers how long it took until the condition held; fails when it did not hold within the bound. */
    public static Duration within(Duration bound, String what, Callable<Boolean> condition) throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(bound);
        while (!condition.call()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + bound);
            }
            Thread.sleep(ASK_AGAIN_MILLIS);
        }
        return Duration.between(start, Instant.now());
    }
}
