package com.cerby.scimtoken.oauth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;

/**
 * Client authentication by an RFC 7523 §2.2 client assertion matched to a federated credential (workload identity
 * federation): the JWT's {@code iss} and {@code sub} find the credential (read unverified, then verified), a key of
 * the issuer (by {@code kid}) verifies its RS256 or ES256 signature, its {@code aud} holds the credential's audience
 * (by default the token endpoint's URL), it has not expired, is valid already, lives at most
 * {@code max-assertion-lifetime}, and its {@code jti} was never used before.
 *
 * <p>Every refusal is 401 {@code invalid_client}, as RFC 7523 §3.2 requires of client authentication (§3.1's
 * {@code invalid_grant} is for JWTs used as authorization grants). Before the signature is verified the description
 * says nothing more than that authentication failed; after it, it says which claim is wrong, since the caller then
 * is the issuer's workload.
 */
@ApplicationScoped
public class ClientAssertions {

    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The longest {@code jti} kept (the column's size); a longer one is refused rather than cut. */
    static final int MAX_JTI_LENGTH = 256;

    private static final long EARLIEST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LATEST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder().setSkipAllValidators()
            .setDisableRequireSignature().setSkipSignatureVerification().build();
    /** Entra ID signs RS256; ES256 for issuers that use EC keys. Never none, HMAC or anything else. */
    private static final List<String> ALLOWED_ALGORITHMS = List.of(AlgorithmIdentifiers.RSA_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, ALLOWED_ALGORITHMS.toArray(String[]::new));

    private final FederatedCredentialRepository credentials;
    private final OAuthClientRepository clients;
    private final IssuerKeys keys;
    private final Issuer issuer;
    private final FederationConfig config;
    private final EntityManager entityManager;
    private final Clock clock;

    ClientAssertions(FederatedCredentialRepository credentials, OAuthClientRepository clients, IssuerKeys keys,
            Issuer issuer, FederationConfig config, EntityManager entityManager, Clock clock) {
        this.credentials = credentials;
        this.clients = clients;
        this.keys = keys;
        this.issuer = issuer;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * The client this assertion authenticates; {@code clientId}, when the request names one, must be its client.
     * Several clients trusting the same issuer and subject need {@code client_id} to tell them apart.
     */
    TokenService.AuthenticatedClient authenticate(String assertion, String clientId) {
        JwtContext unverified;
        try {
            unverified = UNVERIFIED.process(assertion);
        } catch (InvalidJwtException e) {
            throw refused();
        }
        List<JsonWebStructure> structures = unverified.getJoseObjects();
        if (structures.size() != 1 || !(structures.get(0) instanceof JsonWebSignature jws)
                || !ALLOWED_ALGORITHMS.contains(jws.getAlgorithmHeaderValue()) || jws.getKeyIdHeaderValue() == null) {
            throw refused();
        }
        String iss;
        String sub;
        try {
            iss = unverified.getJwtClaims().getIssuer();
            sub = unverified.getJwtClaims().getSubject();
        } catch (MalformedClaimException e) {
            throw refused();
        }
        if (iss == null || sub == null) {
            throw refused();
        }
        Optional<UUID> requestedClient = Optional.empty();
        if (clientId != null) {
            requestedClient = TokenService.parseUuid(clientId);
            if (requestedClient.isEmpty()) {
                throw refused();
            }
        }
        Matched matched = credentialFor(iss, sub, requestedClient).orElseThrow(ClientAssertions::refused);
        FederatedCredential credential = matched.credential();
        JwtClaims claims = verify(assertion, credential, jws.getKeyIdHeaderValue());
        checkClaims(claims, credential);
        String jti = jtiOf(claims);
        Instant keepUntil = expiryOf(claims).plus(config.clockSkew());
        int recorded = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("insert into used_assertion (issuer, jti, expires_at)"
                        + " values (:issuer, :jti, :expiresAt) on conflict do nothing")
                .setParameter("issuer", credential.issuer()).setParameter("jti", jti)
                .setParameter("expiresAt", keepUntil).executeUpdate());
        if (recorded == 0) {
            throw TokenError.invalidClient("The client assertion was already used; each jti is used once.");
        }
        return new TokenService.AuthenticatedClient(matched.client(), credential.id());
    }

    private record Matched(FederatedCredential credential, OAuthClient client) {
    }

    /** The one credential (of the requested client, if any) trusting this issuer and subject, with its client. */
    private Optional<Matched> credentialFor(String iss, String sub, Optional<UUID> requestedClient) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<FederatedCredential> candidates = credentials.findByIssuerAndSubject(iss, sub).stream()
                    .filter(found -> requestedClient.map(found.clientId()::equals).orElse(true)).toList();
            if (candidates.size() > 1) {
                throw TokenError.invalidRequest("Several clients trust this issuer and subject: send client_id.");
            }
            return candidates.stream().findFirst().flatMap(found -> clients.findByIdOptional(found.clientId())
                    .map(client -> new Matched(found, client)));
        });
    }

    /** The signature, by the issuer's key of the header's kid, with an allowed algorithm for that key. */
    private JwtClaims verify(String assertion, FederatedCredential credential, String kid) {
        var key = keys.key(credential, kid).orElseThrow(ClientAssertions::refused);
        try {
            JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(key.getPublicKey())
                    .setJwsAlgorithmConstraints(ALGORITHMS).setSkipAllValidators().build().processToClaims(assertion);
            // The verified claims are the ones the credential was found by: read again, they must still match.
            if (!credential.issuer().equals(claims.getIssuer()) || !credential.subject().equals(claims.getSubject())) {
                throw refused();
            }
            return claims;
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw refused();
        }
    }

    private void checkClaims(JwtClaims claims, FederatedCredential credential) {
        String audience = credential.audience() != null ? credential.audience()
                : issuer.tokenEndpoint().orElseThrow(ClientAssertions::refused);
        Instant now = clock.instant();
        Duration skew = config.clockSkew();
        try {
            if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
                throw TokenError.invalidClient("The client assertion's aud does not hold this client's audience.");
            }
            Instant expiry = expiryOf(claims);
            if (!now.isBefore(expiry.plus(skew))) {
                throw TokenError.invalidClient("The client assertion has expired.");
            }
            NumericDate notBefore = claims.getNotBefore();
            if (notBefore != null && instant(notBefore).isAfter(now.plus(skew))) {
                throw TokenError.invalidClient("The client assertion is not valid yet (nbf).");
            }
            NumericDate issuedAt = claims.getIssuedAt();
            Instant start = issuedAt == null ? now : instant(issuedAt);
            if (start.isAfter(now.plus(skew))) {
                throw TokenError.invalidClient("The client assertion was issued in the future (iat).");
            }
            if (expiry.isAfter(start.plus(config.maxAssertionLifetime()))) {
                throw TokenError.invalidClient("The client assertion lives longer than "
                        + config.maxAssertionLifetime().toMinutes() + " minutes.");
            }
        } catch (MalformedClaimException e) {
            throw TokenError.invalidClient("The client assertion has a malformed claim.");
        }
    }

    private static Instant expiryOf(JwtClaims claims) {
        try {
            NumericDate exp = claims.getExpirationTime();
            if (exp == null) {
                throw TokenError.invalidClient("The client assertion has no exp.");
            }
            return instant(exp);
        } catch (MalformedClaimException e) {
            throw TokenError.invalidClient("The client assertion has a malformed claim.");
        }
    }

    private static String jtiOf(JwtClaims claims) {
        try {
            String jti = claims.getJwtId();
            if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
                throw TokenError.invalidClient("The client assertion needs a jti of 1 to " + MAX_JTI_LENGTH
                        + " characters.");
            }
            return jti;
        } catch (MalformedClaimException e) {
            throw TokenError.invalidClient("The client assertion has a malformed claim.");
        }
    }

    /** A NumericDate as an instant, absurd values held within years 1 and 9999 (never an arithmetic failure). */
    private static Instant instant(NumericDate date) {
        return Instant.ofEpochSecond(Math.max(EARLIEST, Math.min(LATEST, date.getValue())));
    }

    private static TokenError refused() {
        return TokenError.invalidClient(false);
    }
}
