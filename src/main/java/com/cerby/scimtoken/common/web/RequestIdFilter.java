package com.cerby.scimtoken.common.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is well formed), returns it in the
 * answer and puts it into the log context, so that a log line can be traced back to a request.
 */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** A random UUID from a per-thread generator: request ids need to be unique, not unpredictable. */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String offered = context.request().getHeader(HEADER);
            String requestId = offered != null && WELL_FORMED.matcher(offered).matches()
                    ? offered
                    : newRequestId();
            MDC.put(MDC_KEY, requestId);
            context.response().putHeader(HEADER, requestId);
            context.next();
        }, 1000);
    }
}
