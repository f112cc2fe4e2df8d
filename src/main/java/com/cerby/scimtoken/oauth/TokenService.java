package com.cerby.scimtoken.oauth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The client credentials grant (RFC 6749 §4.4): a client authenticated by one of its active secrets gets an RFC 9068
 * JWT access token for the SCIM server, signed with the shared ES256 key.
 */
@ApplicationScoped
@Startup // a lifetime out of range stops the service at once, not at the first token request
public class TokenService {

    static final String SCOPE = "scim";
    static final String CREDENTIAL_CLAIM = "credential_id";
    static final Duration MIN_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofHours(6);

    private final ClientSecretRepository secrets;
    private final OAuthClientRepository clients;
    private final SigningKeys keys;
    private final Issuer issuer;
    private final OAuthConfig config;
    private final Clock clock;

    TokenService(ClientSecretRepository secrets, OAuthClientRepository clients, SigningKeys keys, Issuer issuer,
            OAuthConfig config, Clock clock) {
        this.secrets = secrets;
        this.clients = clients;
        this.keys = keys;
        this.issuer = issuer;
        this.config = config;
        this.clock = clock;
        Duration ttl = config.accessTokenTtl();
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalStateException("scim-token.oauth.access-token-ttl must be from PT5M to PT6H, not " + ttl);
        }
    }

    record Issued(String accessToken, long expiresIn, String scope) {
    }

    /** The client whose id and secret these are: an unknown client, a wrong, expired or another's secret alike fail. */
    AuthenticatedClient authenticate(String clientId, String secret, boolean basic) {
        UUID id = parseUuid(clientId).orElseThrow(() -> TokenError.invalidClient(basic));
        if (!SecretFormat.isWellFormed(secret)) {
            throw TokenError.invalidClient(basic);
        }
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> secrets
                .findByLookupHash(SecretFormat.lookupHash(secret))
                .filter(found -> found.clientId().equals(id) && found.isActiveAt(now))
                .flatMap(found -> clients.findByIdOptional(id)
                        .map(client -> new AuthenticatedClient(client, found.id()))))
                .orElseThrow(() -> TokenError.invalidClient(basic));
    }

    /** A client and the credential (secret) it authenticated with, which its access tokens live no longer than. */
    record AuthenticatedClient(OAuthClient client, UUID credentialId) {
    }

    /** Issues an access token for an authenticated client. */
    Issued issue(AuthenticatedClient authenticated, String requestedScope) {
        OAuthClient client = authenticated.client();
        if (requestedScope != null && !requestedScope.isBlank()
                && !java.util.Arrays.stream(requestedScope.trim().split(" +")).allMatch(SCOPE::equals)) {
            throw new TokenError(400, "invalid_scope", "The only scope is scim.", false);
        }
        String iss = issuer.requireUrl();
        Instant now = clock.instant();
        Duration ttl = config.accessTokenTtl();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(iss);
        claims.setAudience(config.audience());
        claims.setSubject(client.id().toString());
        claims.setClaim("client_id", client.id().toString());
        claims.setClaim("workspace_id", client.workspaceId());
        claims.setClaim("scope", SCOPE);
        claims.setClaim(CREDENTIAL_CLAIM, authenticated.credentialId().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(ttl).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        SigningKeys.Keys current = keys.keys();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(current.current().getPrivateKey());
        jws.setKeyIdHeaderValue(current.current().getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setHeader("typ", "at+jwt");
        try {
            return new Issued(jws.getCompactSerialization(), ttl.toSeconds(), SCOPE);
        } catch (JoseException e) {
            throw new IllegalStateException("The access token could not be signed", e);
        }
    }

    static Optional<UUID> parseUuid(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
