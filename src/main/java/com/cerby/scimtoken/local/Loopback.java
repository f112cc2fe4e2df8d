package com.cerby.scimtoken.local;

import io.netty.util.NetUtil;
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
     * A request's {@code Host} header (host, optional port): loopback or not. A page on any web site can make a
     * browser send requests to 127.0.0.1 under its own host name (DNS rebinding); only a request addressed to this
     * machine by name or loopback address names it.
     */
    static boolean isLoopbackHostHeader(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.strip();
        String port = "";
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            port = host.substring(end + 1);
            host = host.substring(1, end);
            if (!port.isEmpty() && !port.startsWith(":")) {
                return false;
            }
            port = port.isEmpty() ? "" : port.substring(1);
        } else if (host.indexOf(':') >= 0) {
            port = host.substring(host.indexOf(':') + 1);
            host = host.substring(0, host.indexOf(':'));
        }
        return port.chars().allMatch(Character::isDigit) && port.length() <= 5 && !host.isEmpty()
                && isLoopbackHost(host);
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
