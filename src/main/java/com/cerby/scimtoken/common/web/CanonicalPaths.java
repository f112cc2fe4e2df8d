package com.cerby.scimtoken.common.web;

import com.cerby.scimtoken.common.problem.Problem;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.problem.RouteProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Refuses a path spelled other than the way routes are written: matrix parameters ({@code /api;x=1/v1/...}, which
 * the router strips) and encoded separators or dots ({@code %2F}, {@code %5C}, {@code %3B}, {@code %2E}), and a
 * backslash. Such a spelling would reach a route while the filters that compare paths (rate limits, the console's
 * guard) see another path; refused first, every path that is served is the one they judged.
 */
@ApplicationScoped
public class CanonicalPaths {

    private static final Pattern NON_CANONICAL = Pattern.compile(";|\\\\|%(2f|5c|3b|2e)",
            Pattern.CASE_INSENSITIVE);

    private final RouteProblems problems;

    CanonicalPaths(RouteProblems problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 900);
    }

    private void check(RoutingContext context) {
        String path = context.request().path();
        if (path != null && NON_CANONICAL.matcher(path).find()) {
            problems.send(context, Problem.of(ProblemType.INVALID_PATH, "Spell the path without matrix parameters"
                    + " (;), encoded separators or dots (%2F, %5C, %3B, %2E) and backslashes.", path));
            return;
        }
        context.next();
    }
}
