package com.cerby.scimtoken.verification;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Counters of verifications started and decided, by method and outcome, for /q/metrics. */
@ApplicationScoped
public class VerificationMetrics {

    private final MeterRegistry registry;

    VerificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(VerificationMethod method) {
        registry.counter("scim_token_verifications_started", "method", name(method)).increment();
    }

    /** Outcomes: approved, denied, reported, cancelled, failed, expired. */
    void decided(VerificationMethod method, String outcome) {
        registry.counter("scim_token_verifications_decided", "method", name(method), "outcome", outcome).increment();
    }

    private static String name(VerificationMethod method) {
        return method.name().toLowerCase(Locale.ROOT);
    }
}
