import com.cerby.scimtoken.common.crypto.SealedSecret;
import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.scimtoken.ScimToken;
import com.cerby.scimtoken.scimtoken.TokenFormat;
import java.io.BufferedWriter;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;

/**
 * Seeds N workspaces with one current SCIM token each, written exactly as the service writes them (format,
 * AES-256-GCM with the service's keys, SHA-256 lookup hash), with COPY for speed. Writes a sample of the tokens
 * (for "active token" load) and as many well-formed tokens that were never stored (for "unknown token" load).
 *
 * usage: Seed JDBC_URL DATABASE_PASSWORD_FILE ENCRYPTION_KEYS_FILE COUNT ACTIVE_SAMPLE_FILE UNKNOWN_SAMPLE_FILE
 */
public class Seed {

    private static final int SAMPLE = 10_000;

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String password = Files.readString(Path.of(args[1])).trim();
        SecretCipher cipher = new SecretCipher(SecretCipher.parseKeys(List.of(Files.readString(Path.of(args[2])).trim())),
                null, new SecureRandom());
        int count = Integer.parseInt(args[3]);
        SecureRandom random = new SecureRandom();
        try (Connection connection = DriverManager.getConnection(url, "postgres", password);
                BufferedWriter active = Files.newBufferedWriter(Path.of(args[4]));
                BufferedWriter unknown = Files.newBufferedWriter(Path.of(args[5]))) {
            PipedWriter rows = new PipedWriter();
            PipedReader reader = new PipedReader(rows, 1 << 20);
            CompletableFuture<Long> copied = CompletableFuture.supplyAsync(() -> {
                try {
                    return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                            copy scim_token (id, workspace_id, status, lookup_hash, key_id, nonce, ciphertext, hint,
                                             created_at, created_by) from stdin""", reader);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Writer out = new BufferedWriter(rows, 1 << 20)) {
                HexFormat hex = HexFormat.of();
                for (int i = 0; i < count; i++) {
                    String workspace = "bench-" + i;
                    UUID id = UUID.randomUUID();
                    String token = TokenFormat.generate(random);
                    SealedSecret sealed = cipher.seal(token, ScimToken.cipherContext(workspace, id));
                    out.write(id + "\t" + workspace + "\tCURRENT\t\\\\x" + hex.formatHex(TokenFormat.lookupHash(token))
                            + "\t" + sealed.keyId() + "\t\\\\x" + hex.formatHex(sealed.nonce()) + "\t\\\\x"
                            + hex.formatHex(sealed.ciphertext()) + "\t" + TokenFormat.hint(token)
                            + "\t2026-01-01 00:00:00+00\tbench\n");
                    if (i < SAMPLE) {
                        active.write(token + "\n");
                        unknown.write(TokenFormat.generate(random) + "\n");
                    }
                }
            }
            System.out.println("seeded " + copied.join() + " tokens");
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
            connection.createStatement().execute("vacuum analyze scim_token");
        }
    }
}
