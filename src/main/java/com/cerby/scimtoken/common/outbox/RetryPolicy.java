package com.cerby.scimtoken.common.outbox;

import java.time.Duration;

/**
 * How a channel retries: at most {@code maxAttempts} tries, the first retry after {@code initialBackoff}, doubling
 * up to {@code maxBackoff}; one delivery may take {@code timeout}, and a claimed message is leased for twice that.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {
}
