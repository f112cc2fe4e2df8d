package com.cerby.scimtoken.common.web;

import com.cerby.scimtoken.common.problem.Problem;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.problem.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * A request line or headers too large get a 414 or 431 problem. The HTTP layer would refuse them itself, but with
 * an empty answer: its own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size})
 * are set well above these, so that what lies between is refused here, in words.
 */
@ApplicationScoped
public class RequestHeadLimits {

    /** Characters of the request target (path and query). */
    static final int MAX_URI_LENGTH = 4096;
    /** Bytes of all header names and values. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final RouteProblems problems;

    RequestHeadLimits(RouteProblems problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 950);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            refuse(context, ProblemType.URI_TOO_LONG,
                    "The request's path and query exceed " + MAX_URI_LENGTH + " characters.");
        } else if (headerBytes(request) > MAX_HEADER_BYTES) {
            refuse(context, ProblemType.HEADERS_TOO_LARGE,
                    "The request's headers exceed " + MAX_HEADER_BYTES / 1024 + " KiB.");
        } else {
            context.next();
        }
    }

    private void refuse(RoutingContext context, ProblemType type, String detail) {
        // The instance is the path only, cut to the limit: the problem must not echo an oversized request.
        String path = context.request().path();
        problems.send(context, Problem.of(type, detail,
                path == null ? null : path.substring(0, Math.min(path.length(), MAX_URI_LENGTH))));
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length();
        }
        return bytes;
    }
}
