package com.cerby.scimtoken.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL asks every connection for its password, from the first start and after a restart. */
class EmbeddedDatabaseTest {

    private static final String PASSWORD = "local-test-password-0123456789";

    @Test
    void aConnectionWithoutThePasswordIsRefused() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.startThrowaway();
        try {
            assertThrows(SQLException.class, () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", ""));
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "wrong-password"));
            assertEquals(1, selectOne(database.jdbcUrl(), database.password()));
        } finally {
            database.stop();
        }
    }

    @Test
    void aPersistentDatabaseKeepsAskingForItsPasswordAfterARestart() throws Exception {
        Path directory = Files.createTempDirectory("embedded-postgres-");
        EmbeddedDatabase first = EmbeddedDatabase.startPersistent(directory.resolve("postgres"), PASSWORD);
        first.stop();

        EmbeddedDatabase second = EmbeddedDatabase.startPersistent(directory.resolve("postgres"), PASSWORD);
        try {
            assertThrows(SQLException.class, () -> DriverManager.getConnection(second.jdbcUrl(), "postgres", ""));
            assertEquals(1, selectOne(second.jdbcUrl(), PASSWORD));
        } finally {
            second.stop();
        }
    }

    private static int selectOne(String url, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", password);
                var result = connection.createStatement().executeQuery("select 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
