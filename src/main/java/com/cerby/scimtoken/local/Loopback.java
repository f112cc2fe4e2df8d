package com.cerby.scimtoken.local;

import io.netty.util.NetUtil;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;

/** Whether an address is this machine's loopback interface: what local mode listens on and serves. */
final class Loopback {

    private Loopback() {
    }

    /** A client address (always an IP literal): loopback or not. */
    static boolean isLoopback(SocketAddress client) {
        if (client == null || client.host() == null) {
            return false;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(client.host());
        return address != null && address.isLoopbackAddress();
    }

    /**
     * A request's authority (its {@code Host} header, or HTTP/2's {@code :authority}): loopback or not. A page on any
     * web site can make a browser send requests to 127.0.0.1 under its own host name (DNS rebinding); only a request
     * addressed to this machine by name or loopback address names it.
     */
    static boolean isLoopbackAuthority(HostAndPort authority) {
        if (authority == null || authority.host() == null) {
            return false;
        }
        String host = authority.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return !host.isEmpty() && isLoopbackHost(host);
    }

    /** A configured listening host: a loopback IP literal or {@code localhost}. */
    static boolean isLoopbackHost(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        return address != null && address.isLoopbackAddress();
    }
}
