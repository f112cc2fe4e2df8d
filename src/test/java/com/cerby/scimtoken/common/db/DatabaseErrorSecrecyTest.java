package com.cerby.scimtoken.common.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cerby.scimtoken.support.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Database errors name the constraint, never the row data that broke it (so logs never carry it either). */
@QuarkusTest
class DatabaseErrorSecrecyTest extends DatabaseTest {

    @Test
    void aDuplicateKeyErrorDoesNotQuoteTheKey() throws SQLException {
        database.execute("insert into user_guard (user_id) values ('row-data-that-stays-private')");

        SQLException duplicate = assertThrows(SQLException.class,
                () -> database.execute("insert into user_guard (user_id) values ('row-data-that-stays-private')"));

        assertTrue(duplicate.getMessage().contains("user_guard_pkey"), duplicate.getMessage());
        assertFalse(duplicate.getMessage().contains("row-data-that-stays-private"), duplicate.getMessage());
    }
}
