package com.cerby.scimtoken.common.outbox;

import com.cerby.scimtoken.common.tracing.TraceContexts;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A message waiting to be delivered on a channel (push, mail), written in the transaction that caused it. */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false)
    private String channel;

    @Column(nullable = false, updatable = false)
    private String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    /** The W3C trace context of the request that queued the message; null when none was captured. */
    @Column(name = "trace_parent", updatable = false)
    private String traceParent;

    @Column(name = "trace_state", updatable = false)
    private String traceState;

    protected OutboxMessage() {
    }

    static OutboxMessage of(String channel, String payload, Instant now, TraceContexts.Stored trace) {
        OutboxMessage message = new OutboxMessage();
        message.id = UUID.randomUUID();
        message.channel = channel;
        message.payload = payload;
        message.status = Status.PENDING;
        message.nextAttemptAt = now;
        message.createdAt = now;
        if (trace != null) {
            message.traceParent = trace.traceparent();
            message.traceState = trace.tracestate();
        }
        return message;
    }

    void delivered(Instant now) {
        attempts++;
        status = Status.SENT;
        sentAt = now;
        lastError = null;
    }

    /** Records a failed try: retried after an exponential backoff, or given up after the last try. */
    void failed(String error, Instant now, RetryPolicy policy) {
        attempts++;
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (attempts >= policy.maxAttempts()) {
            status = Status.FAILED;
            return;
        }
        Duration backoff = policy.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 30));
        nextAttemptAt = now.plus(backoff.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : backoff);
    }

    UUID id() {
        return id;
    }

    String channel() {
        return channel;
    }

    String payload() {
        return payload;
    }

    /** The trace context to deliver the message in, or null. */
    TraceContexts.Stored trace() {
        return traceParent == null ? null : new TraceContexts.Stored(traceParent, traceState);
    }

    Status status() {
        return status;
    }

    int attempts() {
        return attempts;
    }
}
