package io.parley.roles;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyNode;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestAxonServer;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code parley.roles}: Parley split into processes by role serves clients as one node does, through Axon
 * Server's routing; a split that has nothing to route through refuses to start and says why.
 */
class RolesTest {

    @Test
    void aGatewayAloneWithoutAxonServerRefusesToStartAndSaysWhy() throws IOException {
        Path dir = Files.createTempDirectory("parley-roles-refused-");
        List<String> noAxonServer = List.of("--parley.roles=gateway", "--axon.axonserver.enabled=false");
        assertThatThrownBy(() -> ParleyNode.start(TestDatabase.createAnother("roles_refused"), dir, noAxonServer))
                .hasMessageContaining("Parley exited with 1");
        assertThat(log(dir)).contains("parley.roles=gateway leaves roles to other processes")
                            .contains("only Axon Server routes commands and queries between processes");
    }

    @Test
    void anUnknownRoleIsRefusedByName() throws IOException {
        Path dir = Files.createTempDirectory("parley-roles-unknown-");
        assertThatThrownBy(() -> ParleyNode.start(TestDatabase.createAnother("roles_unknown"), dir,
                                                  List.of("--parley.roles=gateway,reporting")))
                .hasMessageContaining("Parley exited with 1");
        assertThat(log(dir)).contains("parley.roles: unknown role 'reporting' (the roles are command, query and gateway)");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "PARLEY_TEST_AXONSERVER", matches = ".+",
                                  disabledReason = "routing between processes needs Axon Server")
    void oneCommandOneQueryAndTwoGatewayProcessesServeADialogAsOneNodeDoes() throws IOException {
        assertThat(TestAxonServer.ENABLED).isTrue();
        Path dir = Files.createTempDirectory("parley-roles-");
        String database = TestDatabase.createAnother("roles");
        try (ParleyNode command = ParleyNode.start(database, dir.resolve("command"), List.of("--parley.roles=command"));
             ParleyNode query = ParleyNode.start(database, dir.resolve("query"), List.of("--parley.roles=query"));
             ParleyNode gateway1 = ParleyNode.start(database, dir.resolve("gateway-1"), List.of("--parley.roles=gateway"));
             ParleyNode gateway2 = ParleyNode.start(database, dir.resolve("gateway-2"), List.of("--parley.roles=gateway"))) {
            // Only the gateways hold sockets: the role is not the others'.
            String admin = Tokens.admin(Tokens.newUserId());
            assertThat(Rest.get(gateway1.http() + "/api/admin/sockets", admin).status()).isEqualTo(200);
            assertThat(Rest.get(command.http() + "/api/admin/sockets", admin).status()).isEqualTo(404);
            assertThat(Rest.get(query.http() + "/api/admin/sockets", admin).status()).isEqualTo(404);

            long a = Tokens.newUserId();
            long b = Tokens.newUserId();
            try (SocketClient alice = SocketClient.connect(URI.create(gateway1.ws() + "/ws/?token=" + Tokens.forUser(a)));
                 SocketClient bob = SocketClient.connect(URI.create(gateway2.ws() + "/ws/?token=" + Tokens.forUser(b)))) {
                Rest.Response created = Rest.postJson(gateway1.http() + "/api/admin/dialogs",
                                                      Map.of("user_ids", List.of(a, b)), Tokens.admin(Tokens.newUserId()));
                assertThat(created.status()).isEqualTo(201);
                long dialog = created.body().get("id").asLong();

                // A writes on gateway 1; the reply is its push, and a load right after it sees the message.
                JsonNode reply = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "**hi**"));
                assertThat(reply.has("error")).as(reply.toString()).isFalse();
                long messageId = reply.get("data").get("id").asLong();
                assertThat(reply.get("data").get("body_html").asText()).isEqualTo("<p><strong>hi</strong></p>\n");
                assertThat(alice.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data").get(0)
                                .get("id").asLong()).isEqualTo(messageId);

                // B, on gateway 2, gets the push with the same cursor, then the unread count.
                JsonNode push = bob.awaitEvent("dialogs.messages.create");
                assertThat(push.get("data").get("id").asLong()).isEqualTo(messageId);
                assertThat(push.get("seq").asLong()).isEqualTo(reply.get("seq").asLong());
                assertThat(bob.awaitEvent("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);
                assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);

                // B reads it: the count is 0 at once (read-your-writes across the processes).
                JsonNode seen = bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", messageId));
                assertThat(seen.has("error")).as(seen.toString()).isFalse();
                assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(0);
                // Seen again: nothing changes, and the reply comes at once, not after a wait for a push.
                JsonNode again = bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", messageId));
                assertThat(again.has("error")).as(again.toString()).isFalse();

                // B answers; A gets it on gateway 1.
                long answer = bob.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "hello"))
                                 .get("data").get("id").asLong();
                assertThat(alice.await(f -> "dialogs.messages.create".equals(f.path("event").asText())
                                            && f.path("data").path("id").asLong() == answer).get("data")
                                .get("markdown_body").asText()).isEqualTo("hello");
            }
        }
    }

    private static String log(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
            return Files.readString(file, StandardCharsets.UTF_8);
        }
    }
}
