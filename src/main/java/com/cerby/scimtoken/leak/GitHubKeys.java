package com.cerby.scimtoken.leak;

import com.cerby.scimtoken.common.tracing.OutboundCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * GitHub's secret-scanning signing keys, fetched from {@code scim-token.leak-reports.github.keys-url} and kept. A
 * report signed with a key id that is not known fetches them again (a key GitHub has just rotated in), at most
 * once per {@code keys-refresh-interval}, so that forged key ids cannot make the service hammer GitHub. The fetch
 * is asynchronous and single-flight: reports that arrive while it runs wait for that same fetch, and no thread
 * (least of all a worker thread) waits for GitHub's answer.
 */
@ApplicationScoped
public class GitHubKeys {

    private static final Logger LOG = Logger.getLogger(GitHubKeys.class);

    private final LeakReportsConfig.GitHub config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final OutboundCalls outbound;
    private volatile Map<String, PublicKey> keys = Map.of();
    /** The fetch under way, if any. */
    private final AtomicReference<CompletableFuture<Void>> fetching = new AtomicReference<>();
    /** When the last fetch started. */
    private final AtomicReference<Instant> lastFetch = new AtomicReference<>();

    GitHubKeys(LeakReportsConfig config, ObjectMapper json, Clock clock, OutboundCalls outbound) {
        this.config = config.github();
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
        this.outbound = outbound;
    }

    /**
     * Whether the signature (base64 DER ECDSA P-256 SHA-256) of the body verifies with GitHub's key of this id; at
     * once for a known key, after the (single) fetch for an unknown one.
     */
    CompletionStage<Boolean> verifies(String keyId, String signature, byte[] body) {
        PublicKey key = keys.get(keyId);
        if (key != null) {
            return CompletableFuture.completedFuture(verifies(key, signature, body));
        }
        return refresh().thenApply(fetched -> {
            PublicKey rotatedIn = keys.get(keyId);
            return rotatedIn != null && verifies(rotatedIn, signature, body);
        });
    }

    private static boolean verifies(PublicKey key, String signature, byte[] body) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException notASignature) {
            return false;
        }
    }

    /**
     * The fetch under way, a new one, or (within the refresh interval of the last) none. Lock-free: a report never
     * waits for another to decide.
     */
    private CompletableFuture<Void> refresh() {
        CompletableFuture<Void> running = fetching.get();
        if (running != null) {
            return running;
        }
        Instant now = clock.instant();
        Instant last = lastFetch.get();
        if (last != null && now.isBefore(last.plus(config.keysRefreshInterval()))) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> fetch = new CompletableFuture<>();
        if (!fetching.compareAndSet(null, fetch)) {
            return Objects.requireNonNullElse(fetching.get(), CompletableFuture.completedFuture(null));
        }
        lastFetch.set(now);
        outbound.sendAsync(http, HttpRequest.newBuilder(config.keysUrl()).timeout(config.timeout())
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((answer, failure) -> {
                    keep(answer, failure);
                    fetching.set(null);
                    fetch.complete(null);
                });
        return fetch;
    }

    private void keep(HttpResponse<byte[]> answer, Throwable failure) {
        if (failure != null) {
            LOG.warnf("GitHub's secret-scanning keys could not be fetched (%s); keeping the %d keys known",
                    failure.getClass().getSimpleName(), keys.size());
            return;
        }
        if (answer.statusCode() != 200) {
            LOG.warnf("GitHub's secret-scanning keys answered %d; keeping the %d keys known", answer.statusCode(),
                    keys.size());
            return;
        }
        try {
            Map<String, PublicKey> fetched = new HashMap<>();
            for (JsonNode key : json.readTree(answer.body()).path("public_keys")) {
                fetched.put(key.path("key_identifier").asText(),
                        KeyUtils.decodePublicKey(key.path("key").asText(), SignatureAlgorithm.ES256));
            }
            keys = Map.copyOf(fetched);
        } catch (Exception e) {
            LOG.warnf("GitHub's secret-scanning keys could not be read (%s); keeping the %d keys known",
                    e.getClass().getSimpleName(), keys.size());
        }
    }
}
