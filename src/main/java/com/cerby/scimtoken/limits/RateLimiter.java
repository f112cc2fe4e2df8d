package com.cerby.scimtoken.limits;

import com.cerby.scimtoken.common.time.ClockNanos;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets (Bucket4j) per caller and budget, kept in this instance's memory: a caller spends one token per
 * request, and the bucket refills greedily over its period. Idle callers' buckets are dropped (a full bucket is
 * what a new one would be).
 */
@ApplicationScoped
public class RateLimiter {

    /** The budgets: each caller has one bucket per budget. */
    public enum Budget {
        APP, INTROSPECTION, UNAUTHENTICATED, LEAK_REPORTS,
        /** The token endpoint's requests of one authenticated OAuth client (by client id). */
        OAUTH_CLIENT
    }

    /** A request's charge: whether it may proceed, and what the RateLimit headers say. */
    public record Charge(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private record Allowance(long capacity, Duration period) {
    }

    private final Map<Budget, Allowance> allowances = new EnumMap<>(Budget.class);
    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    RateLimiter(RateLimitConfig config, Clock clock) {
        allowances.put(Budget.APP, new Allowance(config.app().perMinute(), Duration.ofMinutes(1)));
        allowances.put(Budget.INTROSPECTION, new Allowance(config.introspection().perSecond(), Duration.ofSeconds(1)));
        allowances.put(Budget.UNAUTHENTICATED,
                new Allowance(config.unauthenticated().perMinute(), Duration.ofMinutes(1)));
        allowances.put(Budget.LEAK_REPORTS, new Allowance(config.leakReports().perMinute(), Duration.ofMinutes(1)));
        allowances.put(Budget.OAUTH_CLIENT, new Allowance(config.oauthClient().perMinute(), Duration.ofMinutes(1)));
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return ClockNanos.of(clock);
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Charges one request of the caller to the budget; empty when the budget is off. */
    public Optional<Charge> charge(Budget budget, String caller) {
        Allowance allowance = allowances.get(budget);
        if (allowance.capacity() <= 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(budget + "/" + caller, key -> Bucket.builder()
                .addLimit(limit -> limit.capacity(allowance.capacity())
                        .refillGreedy(allowance.capacity(), allowance.period()))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return Optional.of(new Charge(probe.isConsumed(), allowance.capacity(), probe.getRemainingTokens(),
                seconds(probe.getNanosToWaitForReset()), Math.max(1, seconds(probe.getNanosToWaitForRefill()))));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
