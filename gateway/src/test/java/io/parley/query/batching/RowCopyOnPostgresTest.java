package io.parley.query.batching;

import io.parley.gateway.support.ParleyTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A few rows go in as an insert, more as a copy: either way the table holds the same values. */
class RowCopyOnPostgresTest extends ParleyTest {

    @Autowired
    RowCopy rowCopy;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rowsInsertedOrCopiedReadBackAsGiven() {
        String table = "row_copy_" + System.nanoTime();
        jdbc.execute("create table " + table + " (id bigint primary key, body text, at timestamptz, "
                     + "deleted boolean, file_id bigint)");
        try {
            List<String> columns = List.of("id", "body", "at", "deleted", "file_id");
            List<Object[]> few = rows(1, RowCopy.INSERT_UP_TO);
            List<Object[]> many = rows(100, RowCopy.INSERT_UP_TO + 5);
            rowCopy.insert(table, columns, few);
            rowCopy.insert(table, columns, many);

            List<Object[]> all = new ArrayList<>(few);
            all.addAll(many);
            List<Map<String, Object>> stored = jdbc.queryForList(
                    "select id, body, at, deleted, file_id from " + table + " order by id");
            assertThat(stored).hasSize(all.size());
            for (int i = 0; i < all.size(); i++) {
                Object[] given = all.get(i);
                Map<String, Object> row = stored.get(i);
                assertThat(row.get("id")).isEqualTo(given[0]);
                assertThat(row.get("body")).isEqualTo(given[1]);
                assertThat(jdbc.queryForObject("select at from " + table + " where id = ?", OffsetDateTime.class,
                                               given[0]).toInstant()).isEqualTo(((OffsetDateTime) given[2]).toInstant());
                assertThat(row.get("deleted")).isEqualTo(given[3]);
                assertThat(row.get("file_id")).isEqualTo(given[4]);
            }
        } finally {
            jdbc.execute("drop table " + table);
        }
    }

    /** Bodies with the characters COPY's text escapes, times to the microsecond, a null every other row. */
    private static List<Object[]> rows(long firstId, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = firstId + i;
            rows.add(new Object[]{id, "line\tone\\two\nthree \u00e9 " + id,
                    OffsetDateTime.of(2026, 12, 6, 20, 41, i % 60, 123_456_000, ZoneOffset.UTC), i % 3 == 0,
                    i % 2 == 0 ? null : id * 10});
        }
        return rows;
    }
}
