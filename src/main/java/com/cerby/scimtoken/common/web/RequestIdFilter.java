package com.cerby.scimtoken.common.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
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

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String offered = context.request().getHeader(HEADER);
            String requestId = offered != null && WELL_FORMED.matcher(offered).matches()
                    ? offered
                    : UUID.randomUUID().toString();
            MDC.put(MDC_KEY, requestId);
            context.response().putHeader(HEADER, requestId);
            context.next();
        }, 1000);
    }
}
