package io.parley.query.batching;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;

/**
 * New rows for one table, many at a time, inside the current transaction. On PostgreSQL they go in with
 * {@code COPY}, which costs the server less than multi-row {@code INSERT}s of the same rows (no statement
 * to parse, plan and bind); elsewhere (H2, the embedded mode) as a JDBC statement batch. A few rows (a
 * batch of one event, as at a modest load) go in as a prepared {@code INSERT}: a {@code COPY} waits for
 * the server twice (to start, then to end), and its start costs the server more than such an insert.
 */
@Component
public class RowCopy {

    /** Up to this many rows, an insert; above, a copy. */
    static final int INSERT_UP_TO = 8;

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public RowCopy(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the rows; each holds one value per column, in order: null, a {@link Boolean}, a number, a
     * {@link String} or an {@link OffsetDateTime}.
     */
    public void insert(String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!postgres() || rows.size() <= INSERT_UP_TO) {
            // Each value as it is (the driver knows its type); a null as of no type, which either database
            // takes for any column.
            jdbc.batchUpdate("insert into " + table + " (" + String.join(", ", columns) + ") values ("
                             + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")",
                             rows, rows.size(), (statement, row) -> {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        statement.setNull(i + 1, Types.NULL);
                    } else {
                        statement.setObject(i + 1, row[i]);
                    }
                }
            });
            return;
        }
        byte[] text = copyText(rows).getBytes(StandardCharsets.UTF_8);
        String copy = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        // The rows go to the driver as they are: copyIn(sql, stream) would read them through a fresh
        // 64 KiB buffer on every call.
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            try {
                in.writeToCopy(text, 0, text.length);
                return in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) c -> c.isWrapperFor(PGConnection.class));
            postgres = known;
        }
        return known;
    }

    /** COPY's text format: a line a row, tab between values, {@code \N} for null, backslash escapes. */
    static String copyText(List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 64);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                Object value = row[i];
                if (value == null) {
                    text.append("\\N");
                } else if (value instanceof Boolean b) {
                    text.append(b ? 't' : 'f');
                } else if (value instanceof OffsetDateTime time) {
                    appendTime(time, text);
                } else {
                    escape(value.toString(), text);
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * ISO text with seconds always written. UTC times (every time Parley's read models store) are written
     * digit by digit: {@code DateTimeFormatter} took 3% of a replay's projections thread.
     */
    static void appendTime(OffsetDateTime time, StringBuilder text) {
        int year = time.getYear();
        if (!time.getOffset().equals(ZoneOffset.UTC) || year < 1000 || year > 9999) {
            text.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            return;
        }
        text.append(year).append('-');
        twoDigits(time.getMonthValue(), text).append('-');
        twoDigits(time.getDayOfMonth(), text).append('T');
        twoDigits(time.getHour(), text).append(':');
        twoDigits(time.getMinute(), text).append(':');
        twoDigits(time.getSecond(), text);
        int nanos = time.getNano();
        if (nanos != 0) {
            String digits = Integer.toString(nanos);
            text.append('.').append("000000000", digits.length(), 9).append(digits);
        }
        text.append('Z');
    }

    private static StringBuilder twoDigits(int value, StringBuilder text) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static void escape(String value, StringBuilder text) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }
}
