package com.cerby.scimtoken.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * An identity provider's key endpoint on a real HTTP server (WireMock): it publishes a JWKS, rotates keys in it
 * while the service runs, and counts how often the service fetched it. Tests get it injected as a JwksIssuer.
 */
public class JwksIssuer implements QuarkusTestResourceLifecycleManager {

    public static final String PATH = "/jwks.json";

    private WireMockServer server;
    private final List<PublicJsonWebKey> published = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        publish(newKey(SignatureAlgorithm.RS256), newKey(SignatureAlgorithm.ES256));
        return Map.of("mp.jwt.verify.publickey.location", url());
    }

    public String url() {
        return "http://127.0.0.1:" + server.port() + PATH;
    }

    /** A new key pair of the algorithm's type, with a key id, not yet published. */
    public static PublicJsonWebKey newKey(SignatureAlgorithm algorithm) {
        try {
            PublicJsonWebKey key = algorithm == SignatureAlgorithm.RS256 ? RsaJwkGenerator.generateJwk(2048)
                    : EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(algorithm.name().toLowerCase() + "-" + UUID.randomUUID());
            key.setAlgorithm(algorithm.name());
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves exactly these keys from now on (their public halves), with the given Cache-Control, if any. */
    public void publish(PublicJsonWebKey... keys) {
        serve(null, keys);
    }

    public void serve(String cacheControl, PublicJsonWebKey... keys) {
        published.clear();
        published.addAll(List.of(keys));
        var response = aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JsonWebKeySet(published.toArray(JsonWebKey[]::new))
                        .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        if (cacheControl != null) {
            response.withHeader("Cache-Control", cacheControl);
        }
        server.stubFor(get(urlEqualTo(PATH)).willReturn(response));
    }

    /** A published key, by position. */
    public PublicJsonWebKey key(int index) {
        return published.get(index);
    }

    /** Signs the claims with the key, naming it in the header's kid. */
    public static String sign(JwtClaimsBuilder claims, PublicJsonWebKey key) {
        return claims.jws().keyId(key.getKeyId()).algorithm(SignatureAlgorithm.fromAlgorithm(key.getAlgorithm()))
                .sign(key.getPrivateKey());
    }

    /** How many times the JWKS was fetched so far. */
    public int fetches() {
        return server.findAll(getRequestedFor(urlEqualTo(PATH))).size();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(JwksIssuer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
