package com.cerby.scimtoken.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * An identity provider in Microsoft Entra ID's shapes on a JDK HTTP server on 127.0.0.1: each tenant has the issuer
 * {@code http://127.0.0.1:<port>/<tenant>/v2.0}, OpenID Connect discovery at
 * {@code <issuer>/.well-known/openid-configuration} and its keys at {@code /<tenant>/discovery/v2.0/keys}. A test
 * gives itself a tenant of its own (so that the service's key cache starts empty for it), rotates its keys, makes it
 * fail, counts the fetches and mints RS256 client assertions as Entra does.
 */
public final class TestFederatedIssuer {

    private static TestFederatedIssuer running;

    private final HttpServer server;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    private TestFederatedIssuer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The one server of the test JVM, started at first use. */
    public static synchronized TestFederatedIssuer get() {
        if (running == null) {
            try {
                running = new TestFederatedIssuer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new tenant with one published RS256 key. */
    public Tenant newTenant() {
        Tenant tenant = new Tenant(UUID.randomUUID().toString());
        tenant.publish(newKey());
        tenants.put(tenant.id, tenant);
        return tenant;
    }

    public static RsaJsonWebKey newKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(UUID.randomUUID().toString().replace("-", "").substring(0, 20));
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        Tenant tenant = parts.length > 1 ? tenants.get(parts[1]) : null;
        int status = 404;
        String body = "{}";
        boolean discovery = tenant != null && path.equals("/" + tenant.id + "/v2.0/.well-known/openid-configuration");
        if (discovery) {
            tenant.discoveries.incrementAndGet();
        }
        if (tenant != null && tenant.failing) {
            status = 503;
        } else if (discovery) {
            status = 200;
            body = "{\"issuer\":\"" + tenant.issuer() + "\",\"jwks_uri\":\"" + tenant.jwksUri()
                    + "\",\"token_endpoint\":\"" + base() + "/" + tenant.id + "/oauth2/v2.0/token\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        } else if (tenant != null && path.equals("/" + tenant.id + "/discovery/v2.0/keys")) {
            tenant.keyFetches.incrementAndGet();
            status = 200;
            body = new JsonWebKeySet(tenant.published.toArray(JsonWebKey[]::new))
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** One Entra tenant: its issuer, its published keys, and how often the service fetched them. */
    public final class Tenant {

        public final String id;
        private volatile List<PublicJsonWebKey> published = List.of();
        private volatile boolean failing;
        private final AtomicInteger discoveries = new AtomicInteger();
        private final AtomicInteger keyFetches = new AtomicInteger();

        private Tenant(String id) {
            this.id = id;
        }

        public String issuer() {
            return base() + "/" + id + "/v2.0";
        }

        public String jwksUri() {
            return base() + "/" + id + "/discovery/v2.0/keys";
        }

        /** Serves exactly these keys from now on. */
        public void publish(PublicJsonWebKey... keys) {
            published = List.of(keys);
        }

        public RsaJsonWebKey key() {
            return (RsaJsonWebKey) published.get(0);
        }

        /** Answers 503 to everything while true. */
        public void failing(boolean failing) {
            this.failing = failing;
        }

        /** Requests for the discovery document, answered or not. */
        public int discoveries() {
            return discoveries.get();
        }

        public int keyFetches() {
            return keyFetches.get();
        }

        /** Entra's claims for a workload's assertion, issued now and valid for an hour. */
        public JwtClaims claims(String subject, String audience, Instant now) {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer());
            claims.setSubject(subject);
            claims.setAudience(audience);
            claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
            claims.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(3600).getEpochSecond()));
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setClaim("tid", id);
            claims.setClaim("oid", subject);
            return claims;
        }

        /** The claims signed RS256 with the tenant's first key. */
        public String sign(JwtClaims claims) {
            return TestFederatedIssuer.sign(claims, key(), AlgorithmIdentifiers.RSA_USING_SHA256);
        }
    }

    /** The claims signed with the key and algorithm, naming the key's id in the header. */
    public static String sign(JwtClaims claims, PublicJsonWebKey key, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
