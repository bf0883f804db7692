package io.parley.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A database of its own for one benchmark run, on the PostgreSQL server Parley uses. */
final class Database implements AutoCloseable {

    private final String host;
    final String name;

    /** Creates {@code parley_bench_<now>}, after dropping what runs that ended abruptly left (over 6 h old). */
    static Database create(String host) {
        long now = System.currentTimeMillis();
        Database database = new Database(host, "parley_bench_" + now);
        for (String stale : database.staleDatabases(now - 6 * 3_600_000L)) {
            database.admin("DROP DATABASE IF EXISTS \"" + stale + "\" WITH (FORCE)");
        }
        database.admin("CREATE DATABASE \"" + database.name + "\"");
        return database;
    }

    private Database(String host, String name) {
        this.host = host;
        this.name = name;
    }

    private List<String> staleDatabases(long startedBefore) {
        List<String> stale = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname ~ '^parley_bench_[0-9]+$'")) {
            while (rs.next()) {
                if (Long.parseLong(rs.getString(1).substring("parley_bench_".length())) < startedBefore) {
                    stale.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + host + ": " + e.getMessage(), e);
        }
        return stale;
    }

    String url() {
        return "jdbc:postgresql://" + host + "/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }
}
