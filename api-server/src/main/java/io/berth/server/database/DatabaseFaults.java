package io.berth.server.database;

import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells the database being unavailable (down, paused, unreachable, out of connections) apart from
 * every other error, so that callers blame the right party: a request answers 503 and may be retried,
 * an operation step waits for the database instead of recording its target as failed, and the status
 * tracker skips a round instead of calling a cluster's targets Stale.
 */
public final class DatabaseFaults {

    /** What a client is told to wait before trying again, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseFaults() {
    }

    /** Whether anything in the cause chain says the database could not be reached or did not answer. */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof NonTransientDataAccessResourceException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof QueryTimeoutException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException) {
                return true;
            }
            if (t instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isClosedPoolConnection(sql))) {
                return true;
            }
            if (t instanceof org.hibernate.TransactionException) {
                // a commit or rollback that failed at the JDBC level: its connection broke under it. After a
                // lost connection, Spring reports this one (the rollback's) instead of the first failure
                return true;
            }
        }
        return false;
    }

    /** Whether the error came from the database at all (unavailable, or a statement it refused). */
    public static boolean isDatabaseError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessException || t instanceof SQLException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException) {
                return true;
            }
        }
        return false;
    }

    /** Hikari's answer on a connection it has already closed (it gives no SQLSTATE). */
    private static boolean isClosedPoolConnection(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    /** SQLSTATE class 08 (connection exception), 57P01..57P03 (shutting down, cannot connect now). */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}
