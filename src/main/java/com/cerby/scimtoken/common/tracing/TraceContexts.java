package com.cerby.scimtoken.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries a trace across a queue: work a request queues (an outbox message) stores the request's W3C trace context
 * ({@link #capture}), and the worker that does it later makes that context current again ({@link #restore}), so the
 * work's spans (the push gateway's or SMTP server's CLIENT span) belong to the request's trace instead of starting
 * one of their own, and the gateway gets a {@code traceparent} of that trace. Only the trace context is kept, never
 * baggage (see OutboundCalls). With tracing off nothing is captured and nothing is restored, for the reason
 * OutboundCalls gives: the span ids the extension hands out then are never exported.
 */
@ApplicationScoped
public class TraceContexts {

    /** What a W3C {@code tracestate} must at least keep by the specification; a longer one is not stored. */
    static final int MAX_TRACESTATE = 512;

    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private static final TextMapGetter<Stored> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Stored carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Stored carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? carrier.traceparent() : TRACESTATE.equals(key) ? carrier.tracestate() : null;
        }
    };

    /** A stored W3C trace context: a {@code traceparent} (55 characters) and a {@code tracestate} or null. */
    public record Stored(String traceparent, String tracestate) {
    }

    private final boolean tracing;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    TraceContexts(@ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean sdkDisabled) {
        this.tracing = !sdkDisabled;
    }

    /**
     * The current span's trace context, to store with the work it queues; null with tracing off, without a current
     * span, or when the current trace is not sampled (its spans are not exported, so there is nothing to join).
     */
    public Stored capture() {
        SpanContext current = Span.current().getSpanContext();
        if (!tracing || !current.isValid() || !current.isSampled()) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(Context.current(), headers, Map::put);
        String traceparent = headers.get(TRACEPARENT);
        if (traceparent == null) {
            return null;
        }
        String tracestate = headers.get(TRACESTATE);
        return new Stored(traceparent,
                tracestate == null || tracestate.isEmpty() || tracestate.length() > MAX_TRACESTATE ? null : tracestate);
    }

    /**
     * Makes a stored trace context current until the scope closes, so spans started within are its children; a
     * scope that changes nothing for null (nothing was stored), a context the propagator cannot read, or with
     * tracing off. The restored context holds the stored span alone, nothing of the request's besides its trace.
     */
    public Scope restore(Stored stored) {
        if (!tracing || stored == null || stored.traceparent() == null) {
            return Scope.noop();
        }
        Context restored = propagator.extract(Context.root(), stored, GETTER);
        if (!Span.fromContext(restored).getSpanContext().isValid()) {
            return Scope.noop();
        }
        return restored.makeCurrent();
    }
}
