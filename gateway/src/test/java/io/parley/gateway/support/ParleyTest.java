package io.parley.gateway.support;

import io.parley.ParleyApplication;
import io.parley.eventstore.StreamHead;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the end-to-end tests: Parley on a random port in the postgres profile, on this run's own
 * database. Every subclass shares the one application context (same configuration), so it starts once.
 */
// TestDatabase creates the run's database. The creator would otherwise create the profile's default one:
// it runs before the URL below replaces that default.
@SpringBootTest(classes = ParleyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "parley.database.create-if-missing=false")
@ActiveProfiles("postgres")
// Spring's tests leave metrics export off; Parley's are exported as in production (OperationsEndpointsTest).
@AutoConfigureObservability(tracing = false)
@org.springframework.context.annotation.Import(PushPause.class)
public abstract class ParleyTest {

    /** Where this run's uploads go. */
    protected static final java.nio.file.Path FILES_DIR = createFilesDir();

    private static java.nio.file.Path createFilesDir() {
        try {
            return java.nio.file.Files.createTempDirectory("parley-files-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void parleyProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.URL);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("parley.jwt.secret", () -> Tokens.SECRET);
        registry.add("parley.admins", () -> "root-admin");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestSmtp.PORT);
        registry.add("parley.mail.retry-initial", () -> "200ms");
        registry.add("parley.mail.retry-max", () -> "1s");
        registry.add("parley.mail.poll-interval", () -> "200ms");
        // Claims of a node that died are taken over after this (MailInDoubtTest), looked for every 10 s;
        // longer than DialogEmailTest's takers hold the claims they make by hand.
        registry.add("parley.mail.claim-timeout", () -> "40s");
        registry.add("parley.files.dir", () -> FILES_DIR.toString());
        registry.add("spring.servlet.multipart.max-file-size", () -> "1MB");
        registry.add("parley.public-url", () -> "https://chat.example.org");
        // Tests post fast on purpose; the limit itself is tested with a low one (EdgeTest).
        registry.add("parley.rate-limit.creates", () -> 1_000_000);
        if (TestAxonServer.ENABLED) { // checked once per run: the store is empty
            registry.add("axon.axonserver.enabled", () -> true);
            registry.add("axon.axonserver.servers", () -> TestAxonServer.ADDRESS);
        }
    }

    private static volatile StreamHead head;

    @org.springframework.beans.factory.annotation.Autowired
    void rememberStreamHead(StreamHead streamHead) {
        head = streamHead;
    }

    protected SocketClient connect(long userId) {
        return SocketClient.connect(port, Tokens.forUser(userId));
    }

    /** A socket that resumes after the push cursor {@code since}. */
    protected SocketClient resume(long userId, long since) {
        return SocketClient.connect(java.net.URI.create("ws://localhost:" + port + "/ws/?token=" + Tokens.forUser(userId)
                                                        + "&since=" + since));
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A dialog of these users, started as an admin starts one (REST); its id. */
    protected long startDialog(long... userIds) {
        Rest.Response created = Rest.postJson(baseUrl() + "/api/admin/dialogs",
                                              Map.of("user_ids", LongStream.of(userIds).boxed().toList()),
                                              Tokens.admin(Tokens.newUserId()));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    /** How many events the store holds: "nothing persisted" means this did not change. */
    protected static long storedEvents() {
        // Axon Server's positions have no holes: its head is its count of events.
        return TestAxonServer.ENABLED ? head.position() : TestDatabase.count("select count(*) from domain_event_entry");
    }
}
