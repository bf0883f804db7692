package io.parley.eventstore;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether Parley's database is PostgreSQL or the embedded one, asked of a connection the first time it
 * matters (not at construction: a bean may be made before the database answers) and then remembered.
 */
public final class DatabaseProduct {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public DatabaseProduct(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    connection.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
            postgres = known;
        }
        return known;
    }
}
