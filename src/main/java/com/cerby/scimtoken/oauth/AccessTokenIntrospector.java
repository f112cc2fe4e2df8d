package com.cerby.scimtoken.oauth;

import com.cerby.scimtoken.scimtoken.AccessTokenIntrospection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
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
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(
                            keys.keys().published().getJsonWebKeys().stream().map(JsonWebKey.class::cast).toList()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                    .setExpectedType(true, "at+jwt")
                    .setExpectedIssuer(iss.get())
                    .setExpectedAudience(config.audience())
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setAllowedClockSkewInSeconds(0)
                    .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                    .build();
            JwtClaims claims = consumer.processToClaims(token);
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
