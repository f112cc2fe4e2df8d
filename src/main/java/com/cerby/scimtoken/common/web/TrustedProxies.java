package com.cerby.scimtoken.common.web;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who the client of a request is, behind the proxies listed in {@code scim-token.trusted-proxies}. Anyone can send
 * an {@code X-Forwarded-For} header, so it is read only when the connection comes from a trusted proxy, and from
 * the right: each trusted proxy appends the address it received the request from, so the right-most entry that
 * is not a trusted proxy is the client. Entries further left were written by the client and are ignored.
 */
@ApplicationScoped
public class TrustedProxies {

    private final List<IpSubnetFilterRule> ranges;

    TrustedProxies(@ConfigProperty(name = "scim-token.trusted-proxies") Optional<List<String>> cidrs) {
        this.ranges = cidrs.orElse(List.of()).stream().map(TrustedProxies::range).toList();
    }

    /** The client's IP address, or null for a request without a peer (scheduled work has none). */
    public String clientAddress(HttpServerRequest request) {
        if (request.remoteAddress() == null) {
            return null;
        }
        String client = request.remoteAddress().host();
        if (!isTrusted(client)) {
            return client;
        }
        List<String> hops = forwardedHops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = NetUtil.createInetAddressFromIpAddressString(hops.get(i));
            if (hop == null) {
                // Not an address: written by the client, so the proxy that received it saw the client.
                return client;
            }
            client = hop.getHostAddress();
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
        return parsed != null && ranges.stream().anyMatch(range -> range.matches(new InetSocketAddress(parsed, 0)));
    }

    private static List<String> forwardedHops(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }

    private static IpSubnetFilterRule range(String cidr) {
        String trimmed = cidr.trim();
        if (!trimmed.contains("/")) {
            trimmed += NetUtil.isValidIpV6Address(trimmed) ? "/128" : "/32";
        }
        try {
            return new IpSubnetFilterRule(trimmed, IpFilterRuleType.ACCEPT);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("scim-token.trusted-proxies lists '" + cidr
                    + "', which is not an IP address or CIDR range (e.g. 10.0.0.0/8)");
        }
    }
}
