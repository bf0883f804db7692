package io.parley.gateway.support;

import io.parley.ParleyApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: Parley on a random port in the postgres profile, on this run's own
 * database. Every subclass shares the one application context (same configuration), so it starts once.
 */
@SpringBootTest(classes = ParleyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
public abstract class ParleyTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void parleyProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.URL);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("parley.jwt.secret", () -> Tokens.SECRET);
        registry.add("parley.admins", () -> "root-admin");
    }

    protected SocketClient connect(long userId) {
        return SocketClient.connect(port, Tokens.forUser(userId));
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** How many events the store holds: "nothing persisted" means this did not change. */
    protected static long storedEvents() {
        return TestDatabase.count("select count(*) from domain_event_entry");
    }
}
