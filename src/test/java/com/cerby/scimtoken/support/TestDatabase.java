package com.cerby.scimtoken.support;

import com.cerby.scimtoken.common.crypto.SealedSecret;
import com.cerby.scimtoken.common.crypto.SecretCipher;
import com.cerby.scimtoken.scimtoken.ScimToken;
import com.cerby.scimtoken.scimtoken.TokenFormat;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Direct access to the test database, to arrange rows that no endpoint creates yet and to inspect state. */
@ApplicationScoped
public class TestDatabase {

    private final AgroalDataSource dataSource;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    TestDatabase(AgroalDataSource dataSource, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    public record StoredToken(UUID id, String token) {
    }

    public StoredToken insertToken(String workspaceId, String status, String createdBy, Instant createdAt,
            Instant expiresAt) throws SQLException {
        UUID id = UUID.randomUUID();
        String token = TokenFormat.generate(random);
        SealedSecret sealed = cipher.seal(token, ScimToken.cipherContext(workspaceId, id));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into scim_token (id, workspace_id, status, lookup_hash, key_id, nonce, ciphertext, hint,
                                                created_at, created_by, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, workspaceId);
            insert.setString(3, status);
            insert.setBytes(4, TokenFormat.lookupHash(token));
            insert.setString(5, sealed.keyId());
            insert.setBytes(6, sealed.nonce());
            insert.setBytes(7, sealed.ciphertext());
            insert.setString(8, TokenFormat.hint(token));
            insert.setTimestamp(9, Timestamp.from(createdAt));
            insert.setString(10, createdBy);
            insert.setTimestamp(11, expiresAt == null ? null : Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
        return new StoredToken(id, token);
    }

    /** Empties every table the service writes, so each test starts from a known state. */
    public void deleteAll() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "truncate scim_token, device, verification, user_guard, audit_event, totp_factor, outbox, owner_contact,"
                                + " token_expiry_warning, passkey, passkey_challenge, recovery_code, oauth_client,"
                                + " oauth_client_secret, federated_credential, used_assertion")) {
            delete.executeUpdate();
        }
    }

    /** Every row of every application table as text, to search for what must never be stored. */
    public String dumpAllTables() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = connection.createStatement().executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = connection.createStatement()
                        .executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rows.next()) {
                        dump.append(table).append(": ").append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    /** Runs a statement that changes rows behind the service's back (no notification, no cache eviction). */
    public int execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** Runs a query that returns one value, for assertions on the database state. */
    public Object queryValue(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getObject(1) : null;
            }
        }
    }
}
