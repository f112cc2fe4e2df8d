package com.cerby.scimtoken.push;

import com.cerby.scimtoken.common.outbox.Courier;
import com.cerby.scimtoken.common.outbox.Outbox;
import com.cerby.scimtoken.common.outbox.RetryPolicy;
import com.cerby.scimtoken.common.tracing.OutboundCalls;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Delivers queued push notifications to the gateway, each POST signed with HMAC-SHA256 over its body. */
@Singleton
public class PushCourier extends Courier {

    public static final String CHANNEL = "PUSH";
    public static final String SIGNATURE_HEADER = "X-Signature-256";

    private final PushConfig config;
    private final HttpClient http;
    private final OutboundCalls outbound;

    PushCourier(Outbox outbox, PushConfig config, OutboundCalls outbound) {
        super(outbox, CHANNEL, new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(),
                config.timeout()));
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        this.outbound = outbound;
    }

    @Scheduled(every = "${scim-token.push.dispatch-interval:PT1S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        if (config.gatewayUrl().isPresent()) {
            dispatchScheduled();
        }
    }

    @Override
    protected String deliver(String payload) {
        URI gateway = config.gatewayUrl().orElseThrow();
        try {
            HttpResponse<Void> answer = outbound.send(http, HttpRequest.newBuilder(gateway)
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, "sha256=" + signature(payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2 ? null : "gateway answered " + answer.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    String signature(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.gatewaySecret().orElseThrow().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
