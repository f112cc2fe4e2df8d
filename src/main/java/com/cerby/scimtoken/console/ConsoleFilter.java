package com.cerby.scimtoken.console;

import com.cerby.scimtoken.common.problem.Problem;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.problem.RouteProblems;
import com.cerby.scimtoken.local.LocalMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Guards the static files under {@code /console/}: they exist only when the console is enabled, the pages that
 * sign in with {@code /local/jwt} and play a phone only in local mode and only for requests addressed to this
 * machine (against DNS rebinding), and every answer carries the console's security headers (a script and style
 * policy without anything inline, images from the console and the data: URI of the authenticator app's QR code, no
 * sniffing, no referrer) and is revalidated
 * before a browser reuses it. In local mode {@code /} and {@code /console} lead to the console's page, the address the
 * startup banner prints.
 */
public class ConsoleFilter {

    static final String PREFIX = "/console/";
    private static final Set<String> LOCAL_PAGES = Set.of(PREFIX, PREFIX + "index.html", PREFIX + "phone.html");
    private static final String LOCAL_SCRIPTS = PREFIX + "local/";

    void register(@Observes Filters filters, ConsoleConfig config, RouteProblems problems) {
        String policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors " + config.frameAncestors();
        boolean localMode = LocalMode.isActive();
        filters.register(context -> {
            String path = context.normalizedPath();
            if (localMode && config.enabled() && ("/".equals(path) || "/console".equals(path))) {
                context.response().setStatusCode(302).putHeader("Location", PREFIX).end();
                return;
            }
            if (!path.startsWith(PREFIX)) {
                context.next();
                return;
            }
            context.response()
                    .putHeader("Content-Security-Policy", policy)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache");
            boolean localOnly = LOCAL_PAGES.contains(path) || path.startsWith(LOCAL_SCRIPTS);
            if (!config.enabled() || localOnly && !localMode) {
                problems.send(context, Problem.of(ProblemType.NOT_FOUND, "No resource exists at this path.", path));
            } else if (localOnly && !LocalMode.isAddressedToThisMachine(context.request().authority())) {
                problems.send(context, Problem.of(ProblemType.LOOPBACK_ONLY, "Local mode's pages answer only requests"
                        + " addressed to localhost, 127.0.0.1 or [::1].", path));
            } else {
                context.next();
            }
        }, 800);
    }
}
