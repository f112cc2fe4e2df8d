package com.cerby.scimtoken.common.web;

import com.cerby.scimtoken.common.problem.Problem;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.problem.RouteProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} get a 413 problem. The HTTP layer refuses them itself, but
 * with an empty answer: a declared length is checked here before the body is read, and a streamed body that
 * grows past the limit fails its route with 413, which the failure handler turns into the problem.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final RouteProblems problems;
    private final long maxBytes;

    BodySizeLimit(RouteProblems problems,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.problems = problems;
        this.maxBytes = limit.asLongValue();
    }

    public long maxBytes() {
        return maxBytes;
    }

    void checkDeclaredLength(@Observes Filters filters) {
        BodyHandler streamedBodyReader = BodyHandler.create().setBodyLimit(maxBytes);
        filters.register(context -> {
            String declared = context.request().getHeader("Content-Length");
            if (declared != null && exceeds(declared)) {
                refuse(context);
            } else if (declared == null && context.request().headers().contains("Transfer-Encoding")) {
                streamedBodyReader.handle(context);
            } else {
                context.next();
            }
        }, 900);
    }

    void answerStreamedExcess(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context);
            } else {
                context.next();
            }
        });
    }

    private void refuse(RoutingContext context) {
        problems.send(context, Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body exceeds " + maxBytes / 1024 + " KiB.", context.request().path()));
    }

    private boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
