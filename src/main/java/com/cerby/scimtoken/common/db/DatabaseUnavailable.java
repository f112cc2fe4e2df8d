package com.cerby.scimtoken.common.db;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells, from a failure's exception chain, that the database could not be used right now (the caller may retry:
 * 503) rather than that the service failed (500). The database is unavailable when:
 * <ul>
 * <li>the server refused, dropped or did not answer a connection in time: SQLSTATE class 08, which pgjdbc also
 * reports for its socket and login timeouts (Hibernate's {@link JDBCConnectionException} says the same);</li>
 * <li>the server is shutting down, crashed or is starting up (57P01, 57P02, 57P03) or has no connection slot left
 * (53300);</li>
 * <li>a statement ran into {@code statement_timeout} (57014): a server that is overloaded, or a lock held too
 * long;</li>
 * <li>the connection pool itself gave up: Agroal's acquisition timeout (every connection in use, or none could be
 * opened in time), a pool that is closing. Agroal gives these no SQLSTATE, so they are known by where they were
 * thrown;</li>
 * <li>the transaction manager rolled the transaction back on its own, which its timeout does: the commit fails with
 * a {@link RollbackException} that has no cause (a rollback caused by a failure carries that failure, which is
 * judged instead).</li>
 * </ul>
 */
public final class DatabaseUnavailable {

    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "57014");
    private static final String POOL_PACKAGE = "io.agroal.";

    private DatabaseUnavailable() {
    }

    /**
     * Why the database was unavailable, in one line for the log (pgjdbc's messages name the server and the
     * SQLSTATE, never row data: {@code logServerErrorDetail=false}); empty when the failure is of another kind.
     */
    public static Optional<String> reason(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Optional<String> connectionLost = Optional.empty();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (isUnavailableState(sql.getSQLState()) || thrownByPool(sql))) {
                return Optional.of(describe(sql));
            }
            if (cause instanceof RollbackException timedOut && timedOut.getCause() == null) {
                return Optional.of("RollbackException: " + timedOut.getMessage());
            }
            if (cause instanceof JDBCConnectionException && connectionLost.isEmpty()) {
                // Its message quotes the SQL; the driver's exception further down says the same more briefly.
                connectionLost = Optional.of(cause.getClass().getSimpleName());
            }
        }
        return connectionLost;
    }

    private static boolean isUnavailableState(String state) {
        return state != null && (state.startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(state));
    }

    private static boolean thrownByPool(SQLException e) {
        StackTraceElement[] frames = e.getStackTrace();
        return e.getSQLState() == null && frames.length > 0 && frames[0].getClassName().startsWith(POOL_PACKAGE);
    }

    /** The exception in one line: its type, SQLSTATE and message. */
    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " " + e.getSQLState();
        return e.getClass().getSimpleName() + state + ": " + e.getMessage();
    }
}
