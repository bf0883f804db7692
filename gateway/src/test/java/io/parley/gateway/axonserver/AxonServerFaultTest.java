package io.parley.gateway.axonserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyNode;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TcpProxy;
import io.parley.gateway.support.TestAxonServer;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node and its Axon Server: one that cannot reach it at start says so in one line and exits non-zero;
 * one that loses it while running fails readiness and answers writes {@code internal}, storing nothing, and
 * recovers by itself once Axon Server is back.
 */
class AxonServerFaultTest {

    @Test
    void aNodeThatCannotReachAxonServerAtStartSaysSoAndExits() throws IOException {
        int nobodyListens = freePort();
        Path dir = Files.createTempDirectory("parley-no-axonserver-");
        assertThatThrownBy(() -> ParleyNode.start(TestDatabase.createAnother("no_axonserver"), dir, List.of(
                "--axon.axonserver.enabled=true", "--axon.axonserver.servers=127.0.0.1:" + nobodyListens)))
                .hasMessageContaining("Parley exited with 1");
        List<String> errors = log(dir).lines().filter(line -> line.contains("ERROR")).toList();
        assertThat(errors).as("the log's errors").singleElement().asString()
                          .contains("cannot reach Axon Server at 127.0.0.1:" + nobodyListens);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "PARLEY_TEST_AXONSERVER", matches = ".+",
                                  disabledReason = "needs an Axon Server to lose")
    void losingAxonServerFailsReadinessAndWritesUntilItIsBack() throws IOException {
        Path dir = Files.createTempDirectory("parley-axonserver-cut-");
        try (TcpProxy proxy = new TcpProxy(TestAxonServer.ADDRESS);
             ParleyNode node = ParleyNode.start(TestDatabase.createAnother("axonserver_cut"), dir, List.of(
                     "--axon.axonserver.enabled=true", "--axon.axonserver.servers=127.0.0.1:" + proxy.port()))) {
            long a = Tokens.newUserId();
            long b = Tokens.newUserId();
            try (SocketClient alice = SocketClient.connect(node.port(), Tokens.forUser(a));
                 SocketClient bob = SocketClient.connect(node.port(), Tokens.forUser(b))) {
                Rest.Response created = Rest.postJson(node.http() + "/api/admin/dialogs",
                                                      Map.of("user_ids", List.of(a, b)), Tokens.admin(Tokens.newUserId()));
                assertThat(created.status()).isEqualTo(201);
                long dialog = created.body().get("id").asLong();
                assertThat(post(alice, dialog, "before the cut").has("error")).isFalse();
                bob.awaitEvent("dialogs.messages.create");
                Await.until("ready before the cut", () -> readiness(node) == 200);

                proxy.cut();
                Await.until("readiness fails while Axon Server is unreachable", Duration.ofSeconds(30),
                            () -> readiness(node) == 503);
                for (String body : List.of("while cut", "still cut")) {
                    JsonNode refused = post(alice, dialog, body);
                    assertThat(refused.path("error").path("code").asText()).as("answer %s", refused).isEqualTo("internal");
                }
                assertThat(alice.isClosed() || bob.isClosed()).as("the sockets stay open").isFalse();

                proxy.restore();
                Await.until("ready again once Axon Server is back", Duration.ofSeconds(90), () -> readiness(node) == 200);
                JsonNode after = post(alice, dialog, "after the cut");
                assertThat(after.has("error")).as("answer %s", after).isFalse();
                JsonNode pushed = bob.await(f -> "dialogs.messages.create".equals(f.path("event").asText())
                                                 && "after the cut".equals(f.path("data").path("markdown_body").asText()),
                                            Duration.ofSeconds(30));
                assertThat(pushed.path("data").path("id").asLong()).isEqualTo(after.path("data").path("id").asLong());

                // Nothing half-done: the refused writes are not in the read models.
                List<String> bodies = new ArrayList<>();
                bob.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data")
                   .forEach(message -> bodies.add(message.get("markdown_body").asText()));
                assertThat(bodies).containsExactlyInAnyOrder("before the cut", "after the cut");
            }
        }
    }

    private static JsonNode post(SocketClient client, long dialog, String body) {
        return client.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", body));
    }

    private static int readiness(ParleyNode node) {
        return Rest.get(node.http() + "/readyz", null).status();
    }

    private static String log(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
