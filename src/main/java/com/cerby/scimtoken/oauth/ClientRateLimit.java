package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.limits.RateLimitFilter;
import com.cerby.scimtoken.limits.RateLimiter;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The token endpoint's budget per OAuth client ({@code scim-token.rate-limit.oauth-client.per-minute}), charged once
 * the client has authenticated, whatever the method. Charged any earlier (by the client id a request names), anyone
 * who knows a client id, which is no secret, could spend its budget and lock the identity provider out; a failed
 * authentication spends the address's budget only (the rate limit filter's), and guessing a 256-bit secret is
 * hopeless anyway.
 */
@ApplicationScoped
class ClientRateLimit {

    private final RateLimiter limiter;
    private final CurrentVertxRequest current;

    ClientRateLimit(RateLimiter limiter, CurrentVertxRequest current) {
        this.limiter = limiter;
        this.current = current;
    }

    /** Charges one token request of the client; over its budget, 429 {@code temporarily_unavailable}. */
    void charge(UUID clientId) {
        Optional<RateLimiter.Charge> charge = limiter.charge(RateLimiter.Budget.OAUTH_CLIENT, clientId.toString());
        if (charge.isEmpty() || charge.get().allowed()) {
            return;
        }
        RoutingContext context = current.getCurrent();
        if (context != null) {
            // The refusing budget's headers replace the address budget's that the filter wrote.
            RateLimitFilter.describe(context.response(), charge.get());
        }
        throw new TokenError(429, RateLimitFilter.TOKEN_ENDPOINT_ERROR, "Too many token requests for this client;"
                + " retry after " + charge.get().retryAfterSeconds() + " s.", false);
    }
}
