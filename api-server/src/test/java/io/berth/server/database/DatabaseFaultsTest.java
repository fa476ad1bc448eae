package io.berth.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;

/** Which errors say "the database is unavailable" (503, wait and retry) and which are something else. */
class DatabaseFaultsTest {

    @Test
    void noConnectionFromThePoolIsUnavailability() {
        assertThat(DatabaseFaults.isUnavailable(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"))).isTrue();
    }

    @Test
    void aRollbackOnAConnectionThatBrokeIsUnavailability() {
        // what Spring reports after a lost connection: the rollback's failure, on Hikari's closed connection
        var rollback = new JpaSystemException(new org.hibernate.TransactionException("Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed")));
        assertThat(DatabaseFaults.isUnavailable(rollback)).isTrue();
    }

    @Test
    void aConnectionStateFromTheDriverIsUnavailability() {
        assertThat(DatabaseFaults.isUnavailable(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseFaults.isUnavailable(new RuntimeException(new SQLException("shutting down", "57P01")))).isTrue();
    }

    @Test
    void aRefusedStatementIsADatabaseErrorButNotUnavailability() {
        var refused = new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key", "23505"));
        assertThat(DatabaseFaults.isUnavailable(refused)).isFalse();
        assertThat(DatabaseFaults.isDatabaseError(refused)).isTrue();
        assertThat(DatabaseFaults.isDatabaseError(new IllegalStateException("a bug"))).isFalse();
    }
}
