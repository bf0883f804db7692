package io.parley.gateway.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One PostgreSQL database per test run, on the server at 127.0.0.1:5432. Databases of runs that started
 * over an hour ago are dropped first, so runs do not pile up.
 */
public final class TestDatabase {

    public static final String HOST = System.getProperty("parley.test.pg", "127.0.0.1:5432");
    public static final String NAME = "parley_test_" + System.currentTimeMillis();
    public static final String URL = "jdbc:postgresql://" + HOST + "/" + NAME;

    static {
        dropStaleDatabases();
        create();
    }

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", "");
    }

    private static void dropStaleDatabases() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "select datname from pg_database where datname like 'parley\\_test\\_%'")) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
            long hourAgo = System.currentTimeMillis() - 3_600_000;
            for (String name : stale) {
                // Only runs that are surely over: another run may be going on right now.
                if (startedAt(name) > hourAgo) {
                    continue;
                }
                try {
                    statement.execute("DROP DATABASE IF EXISTS \"" + name + "\"");
                } catch (SQLException inUse) {
                    // another run still uses it; leave it
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static long startedAt(String name) {
        String run = name.substring("parley_test_".length());
        int suffix = run.indexOf('_');
        try {
            return Long.parseLong(suffix < 0 ? run : run.substring(0, suffix));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void create() {
        create(NAME);
    }

    private static void create(String name) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
    }

    /**
     * Another database of this run, for Parley processes of a test's own; its JDBC URL. On Axon Server
     * ({@link TestAxonServer}) it is this run's own database: Axon Server (its standard edition has one
     * context) routes every node's commands and queries to any node connected to it, so the nodes of a run
     * are one deployment, on one database.
     */
    public static String createAnother(String purpose) {
        if (TestAxonServer.ENABLED) {
            return URL;
        }
        String name = NAME + "_" + purpose;
        create(name);
        return "jdbc:postgresql://" + HOST + "/" + name;
    }

    /** Changes stored data the way only a background worker would (a test's setup). */
    public static void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A single number from a query, for asserting on what is stored. */
    public static long count(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
