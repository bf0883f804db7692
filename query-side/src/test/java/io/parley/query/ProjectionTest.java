package io.parley.query;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import jakarta.persistence.EntityManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A projection test: events are handed to the projection's handlers as its processor would hand them (in a
 * batch, one transaction), then its queries are asked. Real PostgreSQL, a database of this test run set up
 * by the read models' migrations; each test's writes are rolled back. All such tests share one context.
 */
@DataJpaTest(showSql = false,
             includeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = Component.class))
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
public abstract class ProjectionTest {

    private static final String HOST = System.getProperty("parley.test.pg", "127.0.0.1:5432");
    private static final String DATABASE = "parley_qtest_" + System.currentTimeMillis();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        createDatabase();
        properties.add("spring.datasource.url", () -> "jdbc:postgresql://" + HOST + "/" + DATABASE);
        properties.add("spring.datasource.username", () -> "postgres");
        properties.add("spring.datasource.password", () -> "");
        properties.add("spring.flyway.locations", () -> "classpath:db/migration,classpath:db/vendor/postgresql");
    }

    private static synchronized void createDatabase() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            if (!statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'").next()) {
                statement.execute("CREATE DATABASE \"" + DATABASE + "\"");
                Runtime.getRuntime().addShutdownHook(new Thread(ProjectionTest::dropDatabase));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + HOST + ": " + e.getMessage(), e);
        }
    }

    /** When the test JVM ends; FORCE, since the context's connection pool may still be open. */
    private static void dropDatabase() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + "/postgres", "postgres", "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + DATABASE + "\" WITH (FORCE)");
        } catch (SQLException e) {
            // left behind; its name says when it was made
        }
    }

    @Autowired
    private EntityManager entityManager;

    /**
     * Handles events as one batch of the projections processor: pending writes go in as it commits, and the
     * entity manager's changes as its transaction would commit (the test's own transaction is rolled back).
     */
    protected void batch(Runnable handlers) {
        DefaultUnitOfWork.startAndGet(null).execute(handlers);
        entityManager.flush();
        entityManager.clear();
    }

    /** The tracking token of the event at this position of the stream, as Parley's engine gives it. */
    protected static TrackingToken at(long position) {
        return GapAwareTrackingToken.newInstance(position, java.util.Collections.emptySortedSet());
    }
}
