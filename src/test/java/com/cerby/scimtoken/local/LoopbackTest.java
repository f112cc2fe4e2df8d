package com.cerby.scimtoken.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Local mode serves and mints JWTs only on this machine's loopback interface. */
class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.8.9.10", "::1" })
    void loopbackClientsAreServed(String address) {
        assertTrue(Loopback.isLoopback(SocketAddress.inetSocketAddress(50000, address)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "10.0.0.1", "192.168.1.20", "203.0.113.9", "2001:db8::1", "0.0.0.0" })
    void otherClientsAreRefused(String address) {
        assertFalse(Loopback.isLoopback(SocketAddress.inetSocketAddress(50000, address)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "::1", "localhost", "LOCALHOST" })
    void loopbackHostsAreAccepted(String host) {
        assertTrue(Loopback.isLoopbackHost(host));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.0.0.0", "::", "10.1.2.3", "scim.example.com" })
    void otherHostsAreRefused(String host) {
        assertFalse(Loopback.isLoopbackHost(host));
    }

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "localhost:8080", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:8080", "[::1]",
            "[::1]:8080" })
    void requestsAddressedToThisMachineAreServed(String hostHeader) {
        assertTrue(Loopback.isLoopbackHostHeader(hostHeader));
    }

    @ParameterizedTest
    @ValueSource(strings = { "rebind.attacker.example", "rebind.attacker.example:8080", "localhost.attacker.example",
            "127.0.0.1.nip.io:8080", "[::1]x", "localhost:80a", "", ":8080", "10.0.0.1:8080" })
    void requestsAddressedToAnyOtherNameAreRefused(String hostHeader) {
        assertFalse(Loopback.isLoopbackHostHeader(hostHeader));
    }
}
