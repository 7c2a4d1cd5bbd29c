package com.jobladder.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.jobladder.internal.jdbc.SqlErrors.Kind;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    @Test
    void connectionResourceOperatorSerializationAndDeadlockStatesAreTransient() {
        for (String state : new String[] {"08006", "08001", "53300", "57P01", "40001", "40P01", "90098", "HYT00"}) {
            assertThat(SqlErrors.classify(new SQLException("x", state)))
                    .as(state)
                    .isEqualTo(Kind.TRANSIENT);
        }
    }

    @Test
    void dataConstraintAndSyntaxStatesArePermanent() {
        for (String state : new String[] {"22001", "22021", "22008", "23502", "23505", "42P01", "42501"}) {
            assertThat(SqlErrors.classify(new SQLException("x", state)))
                    .as(state)
                    .isEqualTo(Kind.PERMANENT);
        }
    }

    @Test
    void aPoolTimeOutWithoutStateIsTransientAndAStrangerIsUnknown() {
        assertThat(SqlErrors.classify(new SQLTransientConnectionException(
                        "jobladder-audit - Connection is not" + " available, request timed out after 10000ms.")))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("HikariDataSource (jobladder-audit) has been closed.")))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(SqlErrors.classify(new SQLException("odd", "XX000"))).isEqualTo(Kind.UNKNOWN);
        assertThat(SqlErrors.failure("record 1 attempt(s)", new SQLException("odd", "XX000")))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("treated as transient");
    }

    @Test
    void aBatchsRealErrorIsReadFromItsNextException() {
        BatchUpdateException batch =
                new BatchUpdateException("Batch entry 0 INSERT ... was aborted", null, 0, new int[0], null);
        batch.setNextException(new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
        assertThat(SqlErrors.classify(batch)).isEqualTo(Kind.PERMANENT);
        assertThat(SqlErrors.describe(batch))
                .isEqualTo("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00" + " (SQLSTATE 22021)");
        assertThat(SqlErrors.failure("record 2 attempt(s)", batch)).isInstanceOf(AuditRefusedException.class);
    }
}
