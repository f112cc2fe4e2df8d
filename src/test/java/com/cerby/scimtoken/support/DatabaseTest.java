package com.cerby.scimtoken.support;

import jakarta.inject.Inject;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A @QuarkusTest that starts from empty tables and a clock at real time, and may move the clock. */
public abstract class DatabaseTest {

    @Inject
    protected TestDatabase database;

    @Inject
    protected MutableClock clock;

    @BeforeEach
    void startFromEmptyTables() throws SQLException {
        database.deleteAll();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
