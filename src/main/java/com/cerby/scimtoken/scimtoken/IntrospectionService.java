package com.cerby.scimtoken.scimtoken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers whether a presented SCIM token works: the hot path of every IdP request to the SCIM server. A token
 * that is not well formed (prefix, length, checksum) is inactive without a lookup; others are looked up by hash
 * through the in-memory cache, and their use is noted for the batched {@code lastUsedAt} write. A JWT is an OAuth
 * access token: the oauth feature answers for it ({@link AccessTokenIntrospection}).
 */
@ApplicationScoped
public class IntrospectionService {

    private final TokenCache cache;
    private final TokenUsage usage;
    private final AccessTokenIntrospection accessTokens;
    private final Clock clock;
    private final Counter active;
    private final Counter inactive;

    IntrospectionService(TokenCache cache, TokenUsage usage, AccessTokenIntrospection accessTokens, Clock clock,
            MeterRegistry metrics) {
        this.cache = cache;
        this.usage = usage;
        this.accessTokens = accessTokens;
        this.clock = clock;
        this.active = metrics.counter("scim_token_introspections", "active", "true");
        this.inactive = metrics.counter("scim_token_introspections", "active", "false");
    }

    /**
     * Answers from memory on the calling (event-loop) thread when it can; only a token never seen before is looked
     * up in the database, on a worker thread.
     */
    public Uni<byte[]> introspect(String token) {
        if (!TokenFormat.isWellFormed(token)) {
            if (looksLikeJwt(token)) {
                return Uni.createFrom().item(() -> accessTokens.introspect(token).map(this::counted)
                        .orElseGet(() -> answer(Optional.empty())))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            }
            return Uni.createFrom().item(answer(Optional.empty()));
        }
        byte[] lookupHash = TokenFormat.lookupHash(token);
        Optional<TokenCache.Entry> cached = cache.cached(lookupHash);
        if (cached != null) {
            return Uni.createFrom().item(answer(cached));
        }
        return Uni.createFrom().item(() -> answer(cache.load(lookupHash)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Three base64url parts: an OAuth access token, checked by the oauth feature. */
    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    private byte[] counted(byte[] activeAnswer) {
        active.increment();
        return activeAnswer;
    }

    private byte[] answer(Optional<TokenCache.Entry> known) {
        Instant now = clock.instant();
        Optional<TokenCache.Entry> entry = known.filter(found -> found.isActiveAt(now));
        if (entry.isEmpty()) {
            inactive.increment();
            return IntrospectionResult.INACTIVE;
        }
        usage.used(entry.get().id(), now);
        active.increment();
        return entry.get().activeAnswer();
    }
}
