package com.cerby.scimtoken.common.web;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

/**
 * Where the current request comes from, for audit events and the device's view of a verification. The address is
 * the client's as {@link TrustedProxies} sees it, so a client cannot choose the address a phone shows.
 */
@RequestScoped
public class RequestOrigin {

    static final int MAX_USER_AGENT = 512;

    private final String ipAddress;
    private final String userAgent;

    RequestOrigin(CurrentVertxRequest current, TrustedProxies proxies) {
        HttpServerRequest request = current.getCurrent() == null ? null : current.getCurrent().request();
        if (request == null) {
            // Scheduled work (expiry, push delivery) has no client.
            this.ipAddress = null;
            this.userAgent = null;
            return;
        }
        String client = proxies.clientAddress(request);
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
