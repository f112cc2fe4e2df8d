package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.local.LocalMode;
import io.netty.util.NetUtil;
import io.quarkus.runtime.LaunchMode;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The URLs the service fetches a federated issuer's keys from (issuer, discovered and configured JWKS URLs): https
 * only, with a host and no user info or fragment. Where the service runs for one person on their machine (local
 * mode, tests) {@code http} is also accepted on a loopback host ({@code localhost}, {@code 127.0.0.1},
 * {@code [::1]}), so that a test issuer can run beside it; never in production.
 */
final class FederatedUrls {

    static final String RULE = "must be an https URL with a host";
    static final String LOCAL_RULE = RULE + " (or http on localhost, 127.0.0.1 or [::1])";

    private static final boolean LOOPBACK_HTTP_ALLOWED = LaunchMode.current().isDevOrTest() || LocalMode.isActive();

    private FederatedUrls() {
    }

    /** Why the URL is refused, if it is (the message of a field error). */
    static Optional<String> refusal(String url) {
        return isAllowed(url) ? Optional.empty() : Optional.of(LOOPBACK_HTTP_ALLOWED ? LOCAL_RULE : RULE);
    }

    static boolean isAllowed(String url) {
        if (url == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && LOOPBACK_HTTP_ALLOWED && isLoopback(uri.getHost());
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only IP literals: a name other than localhost would need a DNS lookup, which the rule must not depend on.
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(bare);
        return address != null && address.isLoopbackAddress();
    }
}
