package com.cerby.scimtoken.limits;

import com.cerby.scimtoken.common.problem.Problem;
import com.cerby.scimtoken.common.problem.ProblemType;
import com.cerby.scimtoken.common.problem.RouteProblems;
import com.cerby.scimtoken.common.security.Claims;
import com.cerby.scimtoken.common.security.VerifiedJwts;
import com.cerby.scimtoken.common.web.TrustedProxies;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Charges every /api/v1 request to its caller's budget before anything else runs (OWASP API4: unrestricted
 * resource consumption), and tells the caller where they stand with the {@code RateLimit-*} headers. The caller
 * is the user id of a valid JWT (verified here, or already verified and remembered), otherwise the client
 * address, on the small unauthenticated budget: a flood of forged or expired tokens costs its sender, never the
 * user it names.
 */
@ApplicationScoped
public class RateLimitFilter {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    private static final String API = "/api/v1/";
    private static final String INTROSPECTION = "/api/v1/scim-tokens/introspect";
    private static final String LEAK_REPORTS = "/api/v1/scim-tokens/leak-reports";
    /**
     * The OAuth authorization server's public paths (token endpoint, keys, metadata): no JWT there, so their
     * callers are charged by address, before the token endpoint authenticates a client.
     */
    private static final String OAUTH = "/oauth2/";
    private static final String OAUTH_METADATA = "/.well-known/oauth-authorization-server";
    private static final String TOKEN_ENDPOINT = "/oauth2/token";
    /**
     * The token endpoint's error for a refused charge. RFC 6749 defines no error for it at the token endpoint;
     * {@code temporarily_unavailable} is its error for a server that cannot answer now (§4.1.2.1), which client
     * libraries treat as worth a retry ({@code slow_down} belongs to RFC 8628's device flow).
     */
    public static final String TOKEN_ENDPOINT_ERROR = "temporarily_unavailable";
    private static final String BEARER = "Bearer ";

    private final RateLimiter limiter;
    private final VerifiedJwts verified;
    private final JWTParser parser;
    private final Claims claims;
    private final TrustedProxies proxies;
    private final RouteProblems problems;

    RateLimitFilter(RateLimiter limiter, VerifiedJwts verified, JWTParser parser, Claims claims,
            TrustedProxies proxies, RouteProblems problems) {
        this.limiter = limiter;
        this.verified = verified;
        this.parser = parser;
        this.claims = claims;
        this.proxies = proxies;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, 800);
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith(OAUTH) || path.equals(OAUTH_METADATA)) {
            charge(context, RateLimiter.Budget.UNAUTHENTICATED, clientAddress(context));
            return;
        }
        if (!path.startsWith(API)) {
            context.next();
            return;
        }
        if (path.equals(LEAK_REPORTS)) {
            charge(context, RateLimiter.Budget.LEAK_REPORTS, clientAddress(context));
            return;
        }
        String bearer = bearerToken(context);
        if (bearer == null) {
            charge(context, null);
            return;
        }
        Optional<JsonWebToken> known = verified.known(bearer);
        if (known.isPresent()) {
            charge(context, claims.userId(known.get()).orElse(null));
            return;
        }
        // Verification may fetch the issuer's keys (a JWKS URL): never on the event loop. The verified token is
        // remembered, so the authentication that follows finds it without fetching anything.
        context.vertx().<String>executeBlocking(() -> claims.userId(parser.parse(bearer)).orElse(null), false)
                .onComplete(subject -> charge(context, subject.succeeded() ? subject.result() : null));
    }

    /** Charges the subject's budget for the path, or the client address's when there is no valid subject. */
    private void charge(RoutingContext context, String subject) {
        if (subject == null) {
            charge(context, RateLimiter.Budget.UNAUTHENTICATED, clientAddress(context));
        } else {
            charge(context, context.normalizedPath().equals(INTROSPECTION) ? RateLimiter.Budget.INTROSPECTION
                    : RateLimiter.Budget.APP, subject);
        }
    }

    private void charge(RoutingContext context, RateLimiter.Budget budget, String caller) {
        Optional<RateLimiter.Charge> charge = limiter.charge(budget, caller);
        if (charge.isEmpty()) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        describe(response, charge.get());
        if (charge.get().allowed()) {
            context.next();
            return;
        }
        if (context.normalizedPath().equals(TOKEN_ENDPOINT)) {
            // OAuth clients read RFC 6749 §5.2 errors from the token endpoint, never problem+json.
            response.setStatusCode(429).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache")
                    .end("{\"error\":\"" + TOKEN_ENDPOINT_ERROR + "\",\"error_description\":\"Too many requests;"
                            + " retry after " + charge.get().retryAfterSeconds() + " s.\"}");
            return;
        }
        problems.send(context, Problem.of(ProblemType.RATE_LIMITED, "Too many requests; retry after "
                + charge.get().retryAfterSeconds() + " s.", context.request().path()));
    }

    /**
     * Tells the caller where it stands in the budget just charged ({@code RateLimit-*}), and when it may try again
     * ({@code Retry-After}) if the charge was refused; replaces what an earlier charge of the request said.
     */
    public static void describe(HttpServerResponse response, RateLimiter.Charge charge) {
        response.putHeader(LIMIT, Long.toString(charge.limit()))
                .putHeader(REMAINING, Long.toString(charge.remaining()))
                .putHeader(RESET, Long.toString(charge.resetSeconds()));
        if (!charge.allowed()) {
            response.putHeader("Retry-After", Long.toString(charge.retryAfterSeconds()));
        }
    }

    private String clientAddress(RoutingContext context) {
        return String.valueOf(proxies.clientAddress(context.request()));
    }

    private static String bearerToken(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim()
                : null;
    }
}
