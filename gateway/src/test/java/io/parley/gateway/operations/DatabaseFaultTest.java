package io.parley.gateway.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.MetricLines;
import io.parley.gateway.support.ParleyNode;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TcpProxy;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Parley as a process of its own whose PostgreSQL connections run through a proxy the test cuts: a node
 * loses its database while users are connected and gets it back, without a restart. The node has a
 * management port of its own, so its metrics are served there without a token. Also: a node that cannot
 * reach PostgreSQL at start says so in one line and exits non-zero.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable(named = "PARLEY_TEST_AXONSERVER", matches = ".+",
        disabledReason = "cuts a node off its own PostgreSQL event store")
class DatabaseFaultTest {

    private static final Path DIR = tempDir();
    private static String databaseUrl;
    private static TcpProxy proxy;
    private static ParleyNode node;
    private static int managementPort;

    @BeforeAll
    static void startNodeBehindProxy() {
        databaseUrl = TestDatabase.createAnother("faults");
        proxy = TcpProxy.toPostgres();
        managementPort = freePort();
        node = ParleyNode.start(proxy.jdbcUrl(databaseUrl), DIR.resolve("node"),
                                List.of("--management.server.port=" + managementPort));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void aManagementPortServesTheActuatorWithoutAToken() {
        String management = "http://127.0.0.1:" + managementPort;
        // The management server starts after Parley's own port answers.
        Await.until("the management port answers", DatabaseFaultTest::managementAnswers);
        Rest.Download scrape = Rest.get(management + "/actuator/prometheus", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(new MetricLines(text(scrape)).value("parley_sockets_open")).hasValue(0);
        Await.until("ready on the management port", () -> readiness() == 200);
        // Parley's own port has no actuator then, but the probes' extra paths for a load balancer.
        assertThat(Rest.get(node.http() + "/actuator/prometheus", Tokens.admin(Tokens.newUserId())).status())
                .isEqualTo(404);
        assertThat(Rest.get(node.http() + "/readyz", null).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void losingTheDatabaseFailsReadinessAndWritesUntilItIsBack() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = SocketClient.connect(node.port(), Tokens.forUser(a));
             SocketClient bob = SocketClient.connect(node.port(), Tokens.forUser(b))) {
            Rest.Response created = Rest.postJson(node.http() + "/api/admin/dialogs", Map.of("user_ids", List.of(a, b)),
                                                  Tokens.admin(Tokens.newUserId()));
            assertThat(created.status()).isEqualTo(201);
            long dialog = created.body().get("id").asLong();
            assertThat(post(alice, dialog, "before the cut").has("error")).isFalse();
            bob.awaitEvent("dialogs.messages.create");
            Await.until("ready before the cut", () -> readiness() == 200);

            proxy.cut();
            Await.until("readiness fails while the database is unreachable", Duration.ofSeconds(20),
                        () -> readiness() == 503);
            assertThat(Rest.get(node.http() + "/readyz", null).status()).isEqualTo(503);
            // The first writes meet pooled connections the cut broke; once the pool has dropped those, a write
            // finds no connection at all and waits for one up to spring.datasource.hikari.connection-timeout.
            for (String body : List.of("while cut", "still cut", "cut for a while")) {
                JsonNode refused = post(alice, dialog, body);
                assertThat(refused.path("error").path("code").asText()).as("answer %s", refused).isEqualTo("internal");
            }
            // The operator still sees the node: its metrics answer, and readiness stays down.
            Rest.Download scrape = Rest.get("http://127.0.0.1:" + managementPort + "/actuator/prometheus", null);
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(new MetricLines(text(scrape)).value("parley_sockets_open")).hasValue(2);
            assertThat(readiness()).isEqualTo(503);
            assertThat(alice.isClosed()).as("alice's socket stays open").isFalse();
            assertThat(bob.isClosed()).as("bob's socket stays open").isFalse();

            proxy.restore();
            Await.until("ready again once the database is back", Duration.ofSeconds(90), () -> readiness() == 200);
            JsonNode after = post(alice, dialog, "after the cut");
            assertThat(after.has("error")).as("answer %s", after).isFalse();
            JsonNode pushed = bob.await(f -> "dialogs.messages.create".equals(f.path("event").asText())
                                             && "after the cut".equals(f.path("data").path("markdown_body").asText()),
                                        Duration.ofSeconds(30));
            assertThat(pushed.path("data").path("id").asLong()).isEqualTo(after.path("data").path("id").asLong());
            assertThat(alice.isClosed() || bob.isClosed()).isFalse();

            // Nothing half-done: the refused write is neither in the read models nor among the stored events.
            List<String> bodies = new ArrayList<>();
            bob.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data")
               .forEach(message -> bodies.add(message.get("markdown_body").asText()));
            assertThat(bodies).containsExactlyInAnyOrder("before the cut", "after the cut");
            assertThat(storedEventsMentioning("while cut")).isZero();
            assertThat(storedEventsMentioning("still cut")).isZero();
            assertThat(storedEventsMentioning("cut for a while")).isZero();
            assertThat(storedEventsMentioning("after the cut")).isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void aNodeThatCannotReachPostgresAtStartSaysSoAndExits() throws IOException {
        String unreachable = "jdbc:postgresql://127.0.0.1:" + freePort() + "/parley";
        Path dir = DIR.resolve("unreachable");
        long started = System.nanoTime();
        assertThatThrownBy(() -> ParleyNode.start(unreachable, dir, List.of()))
                .hasMessageContaining("Parley exited with 1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        List<String> log;
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
            log = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        assertThat(log).as("the log").filteredOn(line -> line.contains("ERROR")).singleElement().asString()
                       .contains("cannot reach the database " + unreachable)
                       .contains("Connection to 127.0.0.1:")
                       .contains("refused")
                       .contains("Parley does not start without it");
        assertThat(log).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
    }

    private static JsonNode post(SocketClient client, long dialog, String body) {
        return client.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", body));
    }

    private static boolean managementAnswers() {
        try {
            readiness();
            return true;
        } catch (IllegalStateException notListeningYet) {
            return false;
        }
    }

    private static int readiness() {
        return Rest.get("http://127.0.0.1:" + managementPort + "/actuator/health/readiness", null).status();
    }

    /** Stored events whose payload holds this text, read directly (not through the proxy). */
    private static long storedEventsMentioning(String text) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from domain_event_entry where "
                                                   + "position('" + text + "' in convert_from(payload, 'UTF8')) > 0")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Rest.Download download) {
        return new String(download.body(), StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("parley-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
