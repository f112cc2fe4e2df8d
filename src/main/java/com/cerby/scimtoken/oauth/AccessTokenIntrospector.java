package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.scimtoken.AccessTokenIntrospection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * expiry, then whether the client and the secret that got the token still exist: deleting either makes its tokens
 * inactive at once, on every instance (the database is the one they share).
 */
@ApplicationScoped
public class AccessTokenIntrospector implements AccessTokenIntrospection {

    private final SigningKeys keys;
    private final Issuer issuer;
    private final OAuthConfig config;
    private final EntityManager entityManager;
    private final Clock clock;
    private volatile Verifier verifier;

    AccessTokenIntrospector(SigningKeys keys, Issuer issuer, OAuthConfig config, EntityManager entityManager,
            Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> introspect(String token) {
        Optional<String> iss = issuer.url();
        if (iss.isEmpty()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer(iss.get()).processToClaims(token);
            Optional<UUID> clientId = TokenService.parseUuid(claims.getStringClaimValue("client_id"));
            Optional<UUID> credentialId = TokenService.parseUuid(
                    claims.getStringClaimValue(TokenService.CREDENTIAL_CLAIM));
            if (clientId.isEmpty() || credentialId.isEmpty() || !stillExists(clientId.get(), credentialId.get())) {
                return Optional.empty();
            }
            return Optional.of(("{\"active\":true,\"workspace_id\":\"" + claims.getStringClaimValue("workspace_id")
                    + "\",\"client_id\":\"" + clientId.get() + "\",\"scope\":\"" + TokenService.SCOPE
                    + "\",\"iat\":" + claims.getIssuedAt().getValue() + ",\"exp\":"
                    + claims.getExpirationTime().getValue() + ",\"token_type\":\"access_token\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /**
     * The consumer for the published key set and issuer, built once per set (a rotation or a retirement makes a new
     * one). Built once, it cannot hold an evaluation time, so the dates are checked by a validator that reads the
     * clock on every call: the expiry must lie after now (no skew: both sides are this service), and {@code iat} is
     * required.
     */
    private JwtConsumer consumer(String iss) {
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
        return known.consumer();
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

    /** The credential is a secret or a federated credential of the client: whichever it is must still exist. */
    private boolean stillExists(UUID clientId, UUID credentialId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager
                .createNativeQuery("select 1 from oauth_client_secret where id = :credential and client_id = :client"
                        + " union all select 1 from federated_credential where id = :credential"
                        + " and client_id = :client")
                .setParameter("credential", credentialId).setParameter("client", clientId)
                .getResultList().isEmpty());
    }
}
