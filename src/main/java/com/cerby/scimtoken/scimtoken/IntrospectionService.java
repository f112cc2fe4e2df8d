package com.cerby.scimtoken.scimtoken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers whether a presented SCIM token works: the hot path of every IdP request to the SCIM server. A token
 * that is not well formed (prefix, length, checksum) is inactive without a lookup; others are looked up by hash
 * through the in-memory cache, and their use is noted for the batched {@code lastUsedAt} write.
 */
@ApplicationScoped
public class IntrospectionService {

    private final TokenCache cache;
    private final TokenUsage usage;
    private final Clock clock;
    private final Counter active;
    private final Counter inactive;

    IntrospectionService(TokenCache cache, TokenUsage usage, Clock clock, MeterRegistry metrics) {
        this.cache = cache;
        this.usage = usage;
        this.clock = clock;
        this.active = metrics.counter("scim_token_introspections", "active", "true");
        this.inactive = metrics.counter("scim_token_introspections", "active", "false");
    }

    public IntrospectionResult introspect(String token) {
        Instant now = clock.instant();
        Optional<TokenCache.Entry> entry = TokenFormat.isWellFormed(token)
                ? cache.find(TokenFormat.lookupHash(token)).filter(found -> found.isActiveAt(now))
                : Optional.empty();
        if (entry.isEmpty()) {
            inactive.increment();
            return IntrospectionResult.INACTIVE;
        }
        TokenCache.Entry found = entry.get();
        usage.used(found.id(), now);
        active.increment();
        return new IntrospectionResult(true, found.workspaceId(), found.id().toString(),
                found.createdAt().getEpochSecond(), found.expiresAt() == null ? null : found.expiresAt().getEpochSecond());
    }
}
