package com.cerby.scimtoken.common.outbox;

/**
 * Delivers the messages of one outbox channel (the push gateway, the SMTP server). Couriers are singletons (not
 * proxied): their channel and retry policy are fixed at start.
 */
public abstract class Courier {

    private final Outbox outbox;
    private final String channel;
    private final RetryPolicy retryPolicy;

    protected Courier(Outbox outbox, String channel, RetryPolicy retryPolicy) {
        this.outbox = outbox;
        this.channel = channel;
        this.retryPolicy = retryPolicy;
    }

    /** Delivers every message of this channel that is due now; answers how many were tried. */
    public int dispatchDue() {
        return outbox.dispatchDue(this);
    }

    /** One turn of the courier's schedule: {@link #dispatchDue()}, ending quietly while the database is unavailable. */
    protected void dispatchScheduled() {
        outbox.dispatchScheduled(this);
    }

    /** Delivers one payload; answers null when it was accepted, otherwise what went wrong (never a secret). */
    protected abstract String deliver(String payload);

    /** The channel name stored with each message ({@code PUSH}, {@code MAIL}). */
    String channel() {
        return channel;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }
}
