package io.parley.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A PostgreSQL database of this test run for the store's tests, on the server at 127.0.0.1:5432. Its name
 * follows the gateway's test databases ({@code parley_test_<millis>_…}), whose runs drop it once it is an
 * hour old.
 */
final class StoreTestDatabase {

    static final String HOST = System.getProperty("parley.test.pg", "127.0.0.1:5432");

    private StoreTestDatabase() {
    }

    /** A new database for one test class; its JDBC URL. */
    static String create(String purpose) {
        String name = "parley_test_" + System.currentTimeMillis() + "_" + purpose;
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ": could not create " + name, e);
        }
        return "jdbc:postgresql://" + HOST + "/" + name;
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** Waits for the condition, looking every 20 ms, at most {@code bound}. */
    static void awaitUntil(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
