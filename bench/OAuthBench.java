import com.cerby.scimtoken.common.crypto.ScannableSecret;
import com.cerby.scimtoken.common.crypto.Sha256;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * The token endpoint's benchmark setup: an OAuth client with a secret and a federated credential, written to the
 * database as the service writes them, and an identity provider in Microsoft Entra ID's shapes on 127.0.0.1 (OpenID
 * Connect discovery and JWKS) whose RS256 client assertions are signed up front, each with its own jti, FILES files
 * of PER_FILE (one file per wrk run, so that no run replays another's). It writes basic.txt (the Authorization
 * header of client_secret_basic), client-id.txt and assertions-<i>.txt, then ready, and serves the issuer until
 * it is killed.
 *
 * usage: OAuthBench JDBC_URL DATABASE_PASSWORD_FILE OUT_DIR FILES PER_FILE
 */
public class OAuthBench {

    private static final String TENANT = "bench-tenant";
    private static final String AUDIENCE = "api://bench-scim";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String password = Files.readString(Path.of(args[1])).trim();
        Path out = Path.of(args[2]);
        int files = Integer.parseInt(args[3]);
        int perFile = Integer.parseInt(args[4]);

        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench-key");
        key.setUse("sig");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String issuer = base + "/" + TENANT + "/v2.0";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + base + "/" + TENANT
                + "/discovery/v2.0/keys\"}";
        String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        server.createContext("/" + TENANT + "/v2.0/.well-known/openid-configuration", exchange -> {
            byte[] body = discovery.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/" + TENANT + "/discovery/v2.0/keys", exchange -> {
            byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();

        UUID clientId = UUID.randomUUID();
        String subject = UUID.randomUUID().toString();
        String secret = ScannableSecret.generate(new SecureRandom(), "scimcs_");
        try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
            try (PreparedStatement insert = connection.prepareStatement("insert into oauth_client"
                    + " (id, workspace_id, name, created_at, created_by) values (?, 'bench-oauth', 'Bench', now(), 'bench')")) {
                insert.setObject(1, clientId);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into oauth_client_secret"
                    + " (id, client_id, lookup_hash, hint, created_at, created_by) values (?, ?, ?, ?, now(), 'bench')")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, clientId);
                insert.setBytes(3, Sha256.of(secret));
                insert.setString(4, ScannableSecret.hint(secret, "scimcs_"));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into federated_credential"
                    + " (id, client_id, issuer, subject, audience, created_at, created_by)"
                    + " values (?, ?, ?, ?, ?, now(), 'bench')")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, clientId);
                insert.setString(3, issuer);
                insert.setString(4, subject);
                insert.setString(5, AUDIENCE);
                insert.executeUpdate();
            }
        }
        Files.writeString(out.resolve("client-id.txt"), clientId + "\n");
        Files.writeString(out.resolve("basic.txt"), "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)) + "\n");

        // Valid for two hours from now (the service's longest), so that the runs never meet an expired one.
        long now = Instant.now().getEpochSecond();
        for (int file = 0; file < files; file++) {
            String[] signed = IntStream.range(0, perFile).parallel().mapToObj(i -> {
                JwtClaims claims = new JwtClaims();
                claims.setIssuer(issuer);
                claims.setSubject(subject);
                claims.setAudience(AUDIENCE);
                claims.setIssuedAt(NumericDate.fromSeconds(now));
                claims.setNotBefore(NumericDate.fromSeconds(now));
                claims.setExpirationTime(NumericDate.fromSeconds(now + 7000));
                claims.setJwtId(UUID.randomUUID().toString());
                claims.setClaim("tid", TENANT);
                claims.setClaim("oid", subject);
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(claims.toJson());
                jws.setKey(key.getPrivateKey());
                jws.setKeyIdHeaderValue(key.getKeyId());
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                try {
                    return jws.getCompactSerialization();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(String[]::new);
            try (BufferedWriter writer = Files.newBufferedWriter(out.resolve("assertions-" + file + ".txt"))) {
                for (String assertion : signed) {
                    writer.write(assertion);
                    writer.write('\n');
                }
            }
        }
        Files.writeString(out.resolve("ready"), issuer + "\n");
        System.out.println("issuer " + issuer + " serving; " + files + " x " + perFile + " assertions signed");
        Thread.currentThread().join();
    }
}
