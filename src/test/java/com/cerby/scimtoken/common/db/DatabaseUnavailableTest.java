package com.cerby.scimtoken.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.Optional;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Which failures mean "the database is unavailable, try again" (503) rather than a failure of the service (500).
 * The fault tests ({@code DatabaseOutageIT}) produce the real chains; these pin each rule down.
 */
class DatabaseUnavailableTest {

    @Test
    void aRefusedOrBrokenConnectionIsUnavailableWhereverItIsInTheChain() {
        SQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        assertEquals(Optional.of("PSQLException 08001: Connection to 127.0.0.1:5432 refused."),
                DatabaseUnavailable.reason(new PersistenceException("wrapped",
                        new GenericJDBCException("x", refused))));
        assertTrue(DatabaseUnavailable.reason(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE))
                .isPresent());
    }

    @Test
    void aServerShuttingDownCrashingStartingOrFullIsUnavailable() {
        for (String state : new String[] { "57P01", "57P02", "57P03", "53300" }) {
            assertTrue(DatabaseUnavailable.reason(new SQLException("server", state)).isPresent(), state);
        }
    }

    @Test
    void aStatementTimeoutIsUnavailable() {
        assertTrue(DatabaseUnavailable.reason(new SQLException("canceling statement due to statement timeout",
                "57014")).isPresent());
    }

    @Test
    void theConnectionPoolGivingUpIsUnavailable() {
        SQLException acquisitionTimeout = new SQLException("Sorry, acquisition timeout!");
        acquisitionTimeout.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.agroal.pool.ConnectionPool", "waitAvailableHandler", null, 1) });
        assertEquals(Optional.of("SQLException: Sorry, acquisition timeout!"),
                DatabaseUnavailable.reason(new GenericJDBCException("Unable to acquire JDBC Connection",
                        acquisitionTimeout)));
    }

    @Test
    void hibernateReportingALostConnectionIsUnavailable() {
        assertEquals(Optional.of("JDBCConnectionException"),
                DatabaseUnavailable.reason(new JDBCConnectionException("could not execute statement", null)));
    }

    @Test
    void aTransactionTheTransactionManagerRolledBackOnItsOwnIsUnavailable() {
        RollbackException timedOut = new RollbackException("ARJUNA016102: The transaction is not active!");
        assertTrue(DatabaseUnavailable.reason(new RuntimeException("Error invoking subclass method", timedOut))
                .isPresent());
    }

    @Test
    void aRollbackCausedByAFailureIsJudgedByThatFailure() {
        RollbackException failedFlush = new RollbackException("ARJUNA016053: Could not commit transaction.");
        failedFlush.initCause(new SQLException("duplicate key", "23505"));
        assertEquals(Optional.empty(), DatabaseUnavailable.reason(failedFlush));
    }

    @Test
    void otherDatabaseErrorsAreFailuresOfTheService() {
        assertEquals(Optional.empty(), DatabaseUnavailable.reason(new SQLException("duplicate key", "23505")));
        assertEquals(Optional.empty(), DatabaseUnavailable.reason(new SQLException("no state here")));
        assertEquals(Optional.empty(), DatabaseUnavailable.reason(new IllegalStateException("a bug")));
    }

    @Test
    void aCauseChainWithACycleEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertEquals(Optional.empty(), DatabaseUnavailable.reason(first));
    }
}
