package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.common.crypto.Sha256;
import com.cerby.scimtoken.scimtoken.AccessTokenIntrospection;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.AudValidator;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.IssValidator;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.NumericDateValidator;
import org.jose4j.jwt.consumer.TypeValidator;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Answers introspection for the access tokens this service signed: signature, {@code typ}, issuer, audience and
 * expiry, then whether the credential (secret or federated credential) that got the token still exists: deleting it
 * or its client makes its tokens inactive at once, on every instance ({@link LiveCredentials}). A verified token is
 * remembered, so a SCIM server that introspects the same token on every request costs no signature check each time.
 */
@ApplicationScoped
public class AccessTokenIntrospector implements AccessTokenIntrospection {

    static final int VERIFIED_MAX = 10_000;

    private final SigningKeys keys;
    private final Issuer issuer;
    private final OAuthConfig config;
    private final LiveCredentials credentials;
    private final Clock clock;
    private volatile Verifier verifier;
    /** Tokens verified lately, by their SHA-256: a SCIM server introspects the same token for an hour. */
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(VERIFIED_MAX).build();

    AccessTokenIntrospector(SigningKeys keys, Issuer issuer, OAuthConfig config, LiveCredentials credentials,
            Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.config = config;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> introspect(String token) {
        Optional<String> iss = issuer.url();
        if (iss.isEmpty()) {
            return Optional.empty();
        }
        Verifier current = verifier(iss.get());
        String key = HexFormat.of().formatHex(Sha256.of(token));
        Verified claims = verified.getIfPresent(key);
        if (claims == null || claims.verifier() != current) {
            Optional<Verified> checked = verify(current, token);
            if (checked.isEmpty()) {
                return Optional.empty();
            }
            claims = checked.get();
            verified.put(key, claims);
        }
        // Checked again at every call: a remembered token expires all the same, and its credential may be gone.
        if (clock.instant().getEpochSecond() >= claims.exp() || !credentials.exist(claims.clientId(),
                claims.credentialId())) {
            return Optional.empty();
        }
        return Optional.of(("{\"active\":true,\"workspace_id\":\"" + claims.workspaceId() + "\",\"client_id\":\""
                + claims.clientId() + "\",\"scope\":\"" + TokenService.SCOPE + "\",\"iat\":" + claims.iat()
                + ",\"exp\":" + claims.exp() + ",\"token_type\":\"access_token\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The token's signature, type, issuer, audience and dates, checked with the current consumer. */
    private static Optional<Verified> verify(Verifier verifier, String token) {
        try {
            JwtClaims claims = verifier.consumer().processToClaims(token);
            Optional<UUID> clientId = TokenService.parseUuid(claims.getStringClaimValue("client_id"));
            Optional<UUID> credentialId = TokenService.parseUuid(
                    claims.getStringClaimValue(TokenService.CREDENTIAL_CLAIM));
            if (clientId.isEmpty() || credentialId.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Verified(verifier, clientId.get(), credentialId.get(),
                    claims.getStringClaimValue("workspace_id"), claims.getIssuedAt().getValue(),
                    claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /**
     * What a verified token says, remembered by the token's SHA-256 (never the token itself) for as long as the
     * consumer that verified it is current: a new key set (a rotation, a key dropped) verifies it again.
     */
    private record Verified(Verifier verifier, UUID clientId, UUID credentialId, String workspaceId, long iat,
            long exp) {
    }

    /**
     * The consumer for the published key set and issuer, built once per set (a rotation or a retirement makes a new
     * one). Built once, it cannot hold an evaluation time, so the dates are checked by a validator that reads the
     * clock on every call: the expiry must lie after now (no skew: both sides are this service), and {@code iat} is
     * required.
     */
    private Verifier verifier(String iss) {
        JsonWebKeySet published = keys.keys().published();
        Verifier known = verifier;
        if (known == null || known.published() != published || !known.issuer().equals(iss)) {
            known = new Verifier(published, iss, new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(published.getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .setSkipAllDefaultValidators()
                    .registerValidator(new TypeValidator(true, "at+jwt"))
                    .registerValidator(new IssValidator(iss, true))
                    .registerValidator(new AudValidator(Set.of(config.audience()), true))
                    .registerValidator(this::datesAtNow)
                    .build());
            verifier = known;
        }
        return known;
    }

    private ErrorCodeValidator.Error datesAtNow(JwtContext context) throws MalformedClaimException {
        NumericDateValidator dates = new NumericDateValidator();
        dates.setRequireExp(true);
        dates.setRequireIat(true);
        dates.setAllowedClockSkewSeconds(0);
        // Not clock.millis(): the service's clock ticks in microseconds, and JDK 17's tick clock divides by zero in
        // millis() for a tick under a millisecond; instant() is right.
        dates.setEvaluationTime(NumericDate.fromMilliseconds(clock.instant().toEpochMilli()));
        return dates.validate(context);
    }

    /** A consumer and what it was built for. */
    private record Verifier(JsonWebKeySet published, String issuer, JwtConsumer consumer) {
    }
}
