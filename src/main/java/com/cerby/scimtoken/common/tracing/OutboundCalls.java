package com.cerby.scimtoken.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.ToIntFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the service's own HTTP calls (the push gateway, GitHub's keys, a JWKS) through the JDK's HttpClient, which
 * OpenTelemetry does not instrument: each call gets a CLIENT span, a child of the span current where it is made (the
 * request's, or none for a scheduled job), with the HTTP semantic conventions' attributes, and carries the W3C
 * {@code traceparent} of that span to the server it calls. Mail handed to the SMTP server gets a CLIENT span too
 * ({@link #smtp}), without propagation: SMTP has no place for it. The attributes are chosen so that no secret reaches a
 * span: the URL without its query string, user info or fragment; never a header or a body. With tracing off (no
 * OTLP endpoint: {@code quarkus.otel.sdk.disabled}, see TracingSwitch) calls go out as they are: the extension would
 * still hand out span ids, and a {@code traceparent} naming a span that is never exported would only mislead the
 * server's own traces.
 */
@ApplicationScoped
public class OutboundCalls {

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("network.protocol.name");

    private final boolean tracing;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final String smtpHost;
    private final Optional<Integer> smtpPort;

    OutboundCalls(OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean sdkDisabled,
            @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String smtpHost,
            @ConfigProperty(name = "quarkus.mailer.port") Optional<Integer> smtpPort) {
        this.tracing = !sdkDisabled;
        this.tracer = openTelemetry.getTracer("com.cerby.scimtoken.outbound");
        // The trace context only, not the configured propagators' baggage: what a caller put in its baggage is not
        // ours to pass to GitHub or the gateway.
        this.propagator = W3CTraceContextPropagator.getInstance();
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
    }

    /**
     * Hands mail to the SMTP server ({@code quarkus.mailer.*}) within a CLIENT span: the server's address, never a
     * recipient, subject or text.
     */
    public void smtp(Runnable send) {
        if (!tracing) {
            send.run();
            return;
        }
        var builder = tracer.spanBuilder("SMTP send").setSpanKind(SpanKind.CLIENT).setParent(Context.current())
                .setAttribute(PROTOCOL, "smtp").setAttribute(SERVER_ADDRESS, smtpHost);
        smtpPort.ifPresent(port -> builder.setAttribute(SERVER_PORT, (long) port));
        Span started = builder.startSpan();
        try {
            send.run();
        } catch (RuntimeException e) {
            fail(started, e);
            throw e;
        }
        started.end();
    }

    /** {@link HttpClient#send}, traced. */
    public <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        if (!tracing) {
            return http.send(request, body);
        }
        Span span = start(request);
        try {
            HttpResponse<T> response = http.send(traced(request, span), body);
            end(span, response.statusCode());
            return response;
        } catch (IOException | InterruptedException | RuntimeException e) {
            fail(span, e);
            throw e;
        }
    }

    /** {@link HttpClient#sendAsync}, traced: the span starts here, on the caller's thread, and ends with the answer. */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpClient http, HttpRequest request,
            HttpResponse.BodyHandler<T> body) {
        if (!tracing) {
            return http.sendAsync(request, body);
        }
        Span span = start(request);
        CompletableFuture<HttpResponse<T>> answer;
        try {
            answer = http.sendAsync(traced(request, span), body);
        } catch (RuntimeException e) {
            fail(span, e);
            throw e;
        }
        return answer.whenComplete((response, failure) -> {
            if (failure != null) {
                fail(span, failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                end(span, response.statusCode());
            }
        });
    }

    /** A call a library makes with an HTTP client of its own. */
    @FunctionalInterface
    public interface LibraryCall<T> {
        T call() throws IOException;
    }

    /**
     * A call made by a library's own HTTP client (SmallRye JWT's key fetch), traced: a CLIENT span around it, without
     * {@code traceparent}, since the library takes no extra header.
     */
    public <T> T call(String method, URI uri, LibraryCall<T> call, ToIntFunction<T> status) throws IOException {
        if (!tracing) {
            return call.call();
        }
        Span span = start(method, uri);
        try {
            T answer = call.call();
            end(span, status.applyAsInt(answer));
            return answer;
        } catch (IOException | RuntimeException e) {
            fail(span, e);
            throw e;
        }
    }

    private Span start(HttpRequest request) {
        return start(request.method(), request.uri());
    }

    private Span start(String method, URI uri) {
        // The semantic conventions' span name for an HTTP client without a URL template: the method alone.
        return tracer.spanBuilder(method).setSpanKind(SpanKind.CLIENT).setParent(Context.current())
                .setAttribute(METHOD, method)
                .setAttribute(SERVER_ADDRESS, uri.getHost())
                .setAttribute(SERVER_PORT, (long) port(uri))
                .setAttribute(URL_FULL, withoutSecrets(uri))
                .startSpan();
    }

    /** The request with the span's {@code traceparent} added. */
    private HttpRequest traced(HttpRequest request, Span span) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        propagator.inject(Context.current().with(span), builder, HttpRequest.Builder::setHeader);
        return builder.build();
    }

    private static void end(Span span, int status) {
        span.setAttribute(STATUS_CODE, (long) status);
        if (status >= 400) {
            span.setAttribute(ERROR_TYPE, String.valueOf(status));
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** The failure's class name only: an exception's message may quote what was sent or received. */
    private static void fail(Span span, Throwable failure) {
        span.setAttribute(ERROR_TYPE, failure.getClass().getName());
        span.setStatus(StatusCode.ERROR);
        span.end();
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * The URL as {@code url.full} may show it: scheme, host, port (when the URL names one) and path; no user info,
     * query or fragment, where a caller's URL could carry a key or a token.
     */
    static String withoutSecrets(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String host = uri.getHost() != null && uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost();
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }
}
