package com.cerby.scimtoken.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plays GitHub's secret scanning (never the real GitHub): its signing keys, published at a keys endpoint on a real
 * HTTP server (WireMock) in GitHub's format, and reports signed with them. Tests get it injected.
 */
public class GitHubSecretScanning implements QuarkusTestResourceLifecycleManager {

    public static final String KEYS_PATH = "/meta/public_keys/secret_scanning";

    private final Map<String, KeyPair> published = new LinkedHashMap<>();
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        publish("github-key-1");
        return Map.of("scim-token.leak-reports.github.keys-url", keysUrl());
    }

    public String keysUrl() {
        return "http://127.0.0.1:" + server.port() + KEYS_PATH;
    }

    /** Publishes a new key under the id, beside the keys already published. */
    public void publish(String keyId) {
        published.put(keyId, newKeyPair());
        serveKeys(Duration.ZERO);
    }

    /** From now on the keys are served only after the delay: a slow or stalled GitHub. */
    public void serveKeysAfter(Duration delay) {
        serveKeys(delay);
    }

    private void serveKeys(Duration delay) {
        String keys = published.entrySet().stream().map(key -> "{\"key_identifier\":\"" + key.getKey()
                + "\",\"key\":\"" + pem(key.getValue()) + "\",\"is_current\":true}")
                .collect(Collectors.joining(",", "{\"public_keys\":[", "]}"));
        server.stubFor(get(urlEqualTo(KEYS_PATH)).willReturn(aResponse().withFixedDelay((int) delay.toMillis())
                .withHeader("Content-Type", "application/json").withBody(keys)));
    }

    /** The base64 DER ECDSA P-256 SHA-256 signature of the body with the published key of this id. */
    public String sign(String body, String keyId) {
        return sign(body, published.get(keyId));
    }

    /** A signature by a key GitHub never published. */
    public static String signWithUnknownKey(String body) {
        return sign(body, newKeyPair());
    }

    public int keyFetches() {
        return server.findAll(getRequestedFor(urlEqualTo(KEYS_PATH))).size();
    }

    /** This header of each fetch of the keys so far (null where a fetch had none). */
    public List<String> keyFetchHeaders(String name) {
        return server.findAll(getRequestedFor(urlEqualTo(KEYS_PATH))).stream()
                .map(request -> request.getHeader(name)).toList();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(GitHubSecretScanning.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String sign(String body, KeyPair key) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key.getPrivate());
            signer.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\\n" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded())
                + "\\n-----END PUBLIC KEY-----\\n";
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
