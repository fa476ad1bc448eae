package io.berth.server.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small conversions shared by the stores that use {@code JdbcClient}. */
public final class Columns {

    /** Free-text columns (errors, reasons) are {@code varchar(4096)}; texts are cut well below it. */
    private static final int MAX_TEXT = 4000;

    private Columns() {
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The text, cut to fit a free-text column (an error can quote a long answer of a cluster). */
    public static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
    }
}
