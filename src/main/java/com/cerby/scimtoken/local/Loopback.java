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

    /** A configured listening host: a loopback IP literal or {@code localhost}. */
    static boolean isLoopbackHost(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        return address != null && address.isLoopbackAddress();
    }
}
