package com.cerby.scimtoken.common.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the current request comes from, for audit events and the device's view of a verification. The
 * {@code X-Forwarded-For} header is believed only when {@code scim-token.trust-forwarded-headers} says that a
 * proxy in front of the service sets it; otherwise any client could write a false address into the audit log.
 */
@RequestScoped
public class RequestOrigin {

    static final int MAX_USER_AGENT = 512;

    private final String ipAddress;
    private final String userAgent;

    RequestOrigin(CurrentVertxRequest current,
            @ConfigProperty(name = "scim-token.trust-forwarded-headers", defaultValue = "false") boolean trustForwarded) {
        HttpServerRequest request = current.getCurrent() == null ? null : current.getCurrent().request();
        if (request == null) {
            // Scheduled work (expiry, push delivery) has no client.
            this.ipAddress = null;
            this.userAgent = null;
            return;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        String client = trustForwarded && forwarded != null && !forwarded.isBlank()
                ? forwarded.split(",")[0].trim()
                : request.remoteAddress() == null ? null : request.remoteAddress().host();
        this.ipAddress = client == null ? null : truncate(client, 64);
        String agent = request.getHeader("User-Agent");
        this.userAgent = agent == null ? null : truncate(agent, MAX_USER_AGENT);
    }

    public String ipAddress() {
        return ipAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
