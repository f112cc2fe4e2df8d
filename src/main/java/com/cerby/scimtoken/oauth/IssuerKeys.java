package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.tracing.OutboundCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The signing keys of federated credentials' issuers, fetched from the credential's {@code jwksUri} or, without one,
 * from the {@code jwks_uri} of the issuer's OpenID Connect discovery document, and kept by {@code kid} per source.
 * An unknown {@code kid} (a key the issuer rotated in) fetches them again, at most once per
 * {@code keys-refetch-interval} per source, failed fetches included; keys older than {@code keys-max-age} are fetched
 * again on their next use (kept if that fetch fails). A fetch runs once per source at a time: requests that need the
 * same source wait for it (the token endpoint runs on worker threads).
 */
@ApplicationScoped
public class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class);
    /** A discovery document or a JWKS larger than this is refused (Entra's JWKS is about 10 KB). */
    static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private final FederationConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final OutboundCalls calls;
    /** By source: the JWKS URL, or the issuer for discovery. Bounded by the federated credentials that exist. */
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    IssuerKeys(FederationConfig config, ObjectMapper json, Clock clock, OutboundCalls calls) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.calls = calls;
        // Redirects are not followed: a key URL answers itself, it does not send the service elsewhere.
        this.http = HttpClient.newBuilder().connectTimeout(config.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The credential's issuer's public key of this id, if the issuer publishes one (after a fetch if need be). */
    Optional<PublicJsonWebKey> key(FederatedCredential credential, String kid) {
        String sourceKey = credential.jwksUri() != null ? "jwks " + credential.jwksUri()
                : "discovery " + credential.issuer();
        Source source = sources.computeIfAbsent(sourceKey, key -> new Source(credential.issuer(),
                credential.jwksUri()));
        Instant now = clock.instant();
        Source.Keys known = source.keys;
        PublicJsonWebKey found = known.byKid().get(kid);
        if (found != null && known.isFreshAt(now, config)) {
            return Optional.of(found);
        }
        synchronized (source) {
            known = source.keys;
            found = known.byKid().get(kid);
            boolean fresh = known.isFreshAt(now, config);
            if (found != null && fresh
                    || source.lastAttempt != null && now.isBefore(source.lastAttempt.plus(config.keysRefetchInterval()))) {
                return Optional.ofNullable(found);
            }
            source.lastAttempt = now;
            try {
                source.keys = new Source.Keys(fetch(source), now);
            } catch (FetchFailed e) {
                // Logged once per source and refetch interval at most, without the answer's content.
                LOG.warnf("The keys of the federated issuer %s could not be fetched (%s); keeping the %d keys known",
                        credential.issuer(), e.getMessage(), known.byKid().size());
            }
            return Optional.ofNullable(source.keys.byKid().get(kid));
        }
    }

    private Map<String, PublicJsonWebKey> fetch(Source source) throws FetchFailed {
        String jwksUri = source.jwksUri != null ? source.jwksUri : discoverJwksUri(source.issuer);
        JsonWebKeySet set;
        try {
            set = new JsonWebKeySet(new String(get(jwksUri), java.nio.charset.StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw new FetchFailed("the JWKS is not a JWK set");
        }
        Map<String, PublicJsonWebKey> byKid = new HashMap<>();
        for (JsonWebKey key : set.getJsonWebKeys()) {
            boolean signing = key.getUse() == null || "sig".equals(key.getUse());
            if (key.getKeyId() != null && signing
                    && (key instanceof RsaJsonWebKey || key instanceof EllipticCurveJsonWebKey)) {
                byKid.putIfAbsent(key.getKeyId(), (PublicJsonWebKey) key);
            }
        }
        return Map.copyOf(byKid);
    }

    /** OpenID Connect Discovery 1.0 §4: the document names the issuer itself (§4.3) and an allowed JWKS URL. */
    private String discoverJwksUri(String issuer) throws FetchFailed {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode document;
        try {
            document = json.readTree(get(base + "/.well-known/openid-configuration"));
        } catch (IOException e) {
            throw new FetchFailed("the discovery document is not JSON");
        }
        if (document == null || !issuer.equals(document.path("issuer").asText(null))) {
            throw new FetchFailed("the discovery document names another issuer");
        }
        String jwksUri = document.path("jwks_uri").asText(null);
        if (!FederatedUrls.isAllowed(jwksUri)) {
            throw new FetchFailed("the discovery document has no allowed jwks_uri");
        }
        return jwksUri;
    }

    private byte[] get(String url) throws FetchFailed {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(config.fetchTimeout())
                    .header("Accept", "application/json").GET().build();
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("not a URL");
        }
        try {
            HttpResponse<InputStream> answer = calls.send(http, request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = answer.body()) {
                if (answer.statusCode() != 200) {
                    throw new FetchFailed(url + " answered " + answer.statusCode());
                }
                byte[] read = body.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (read.length > MAX_RESPONSE_BYTES) {
                    throw new FetchFailed(url + " answered more than " + MAX_RESPONSE_BYTES + " bytes");
                }
                return read;
            }
        } catch (IOException e) {
            throw new FetchFailed(url + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed(url + ": interrupted");
        }
    }

    /** Where one issuer's keys come from, the keys last fetched from there, and when the last fetch was tried. */
    private static final class Source {

        record Keys(Map<String, PublicJsonWebKey> byKid, Instant fetchedAt) {

            boolean isFreshAt(Instant now, FederationConfig config) {
                return fetchedAt != null && now.isBefore(fetchedAt.plus(config.keysMaxAge()));
            }
        }

        final String issuer;
        final String jwksUri;
        volatile Keys keys = new Keys(Map.of(), null);
        Instant lastAttempt;

        Source(String issuer, String jwksUri) {
            this.issuer = issuer;
            this.jwksUri = jwksUri;
        }
    }

    private static final class FetchFailed extends Exception {

        FetchFailed(String message) {
            super(message, null, false, false);
        }
    }
}
