package com.cerby.scimtoken.push;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A push notification waiting to be delivered, written in the same transaction as its verification. */
@Entity
@Table(name = "push_outbox")
public class PushOutbox {

    enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    private UUID id;

    @Column(name = "verification_id", nullable = false, updatable = false)
    private UUID verificationId;

    @Column(name = "device_id", nullable = false, updatable = false)
    private UUID deviceId;

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

    protected PushOutbox() {
    }

    static PushOutbox of(UUID verificationId, UUID deviceId, String payload, Instant now) {
        PushOutbox notification = new PushOutbox();
        notification.id = UUID.randomUUID();
        notification.verificationId = verificationId;
        notification.deviceId = deviceId;
        notification.payload = payload;
        notification.status = Status.PENDING;
        notification.nextAttemptAt = now;
        notification.createdAt = now;
        return notification;
    }

    void delivered(Instant now) {
        attempts++;
        status = Status.SENT;
        sentAt = now;
        lastError = null;
    }

    /** Records a failed try: retried after an exponential backoff, or given up after the last try. */
    void failed(String error, Instant now, PushConfig config) {
        attempts++;
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (attempts >= config.maxAttempts()) {
            status = Status.FAILED;
            return;
        }
        Duration backoff = config.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 30));
        nextAttemptAt = now.plus(backoff.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : backoff);
    }

    UUID id() {
        return id;
    }

    UUID verificationId() {
        return verificationId;
    }

    String payload() {
        return payload;
    }

    Status status() {
        return status;
    }

    int attempts() {
        return attempts;
    }
}
