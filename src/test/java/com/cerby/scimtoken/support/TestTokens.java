package com.cerby.scimtoken.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Mints the JWTs the web app's identity provider would issue, and the broken ones it never should. */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "scim-token-service";

    private TestTokens() {
    }

    /** A valid JWT for a user of a workspace with the given roles. */
    public static String jwt(String userId, String workspaceId, String... roles) {
        return claims(userId, workspaceId, roles).sign(key("jwt/privateKey.pem"));
    }

    /** A valid JWT with changes to its claims, e.g. an old sign-in or a claim of the wrong type. */
    public static String jwtWith(UnaryOperator<JwtClaimsBuilder> change, String userId, String workspaceId,
            String... roles) {
        return change.apply(claims(userId, workspaceId, roles)).sign(key("jwt/privateKey.pem"));
    }

    /** A valid JWT of a session whose sign-in at the identity provider was the given time ago. */
    public static String signedInAgo(Duration ago, String userId, String workspaceId, String... roles) {
        return jwtWith(claims -> claims.claim("auth_time", Instant.now().minus(ago).getEpochSecond()), userId,
                workspaceId, roles);
    }

    /** A valid JWT whose identity provider sent no email address. */
    public static String jwtWithoutEmail(String userId, String workspaceId, String... roles) {
        return claims(userId, workspaceId, roles).remove("email").sign(key("jwt/privateKey.pem"));
    }

    public static String expired(String userId, String workspaceId, String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return claims(userId, workspaceId, roles).issuedAt(past).expiresAt(past.plus(Duration.ofMinutes(5)))
                .sign(key("jwt/privateKey.pem"));
    }

    public static String fromIssuer(String issuer, String userId, String workspaceId, String... roles) {
        return claims(userId, workspaceId, roles).issuer(issuer).sign(key("jwt/privateKey.pem"));
    }

    public static String forAudience(String audience, String userId, String workspaceId, String... roles) {
        return claims(userId, workspaceId, roles).audience(audience).sign(key("jwt/privateKey.pem"));
    }

    /** Signed by a key the service does not trust. */
    public static String signedByForeignKey(String userId, String workspaceId, String... roles) {
        return claims(userId, workspaceId, roles).sign(key("jwt/foreignPrivateKey.pem"));
    }

    /** An unsigned token ({@code alg: none}) with otherwise valid claims. */
    public static String unsigned(String userId, String workspaceId, String... roles) {
        String payload = jwt(userId, workspaceId, roles).split("\\.")[1];
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
    }

    private static JwtClaimsBuilder claims(String userId, String workspaceId, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim("workspace_id", workspaceId)
                .claim("email", userId + "@example.test")
                .groups(Set.of(roles))
                .claim("auth_time", Instant.now().getEpochSecond())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(Duration.ofMinutes(10)));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey key(String location) {
        try {
            return KeyUtils.readPrivateKey(location);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the test key " + location, e);
        }
    }
}
