package io.parley.gateway.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.ParleyApplication;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestAxonServer;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Parley nodes on one PostgreSQL database: the test's own instance and a second one started here.
 * Writes on either answer after the read models show them, pushes cross from node to node (each node's
 * commits wake the other's reader), and a client resumes on the node it comes back to.
 */
class TwoNodesTest extends ParleyTest {

    @Test
    void twoNodesShareOneDatabase() {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0", "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + TestDatabase.URL, "--spring.datasource.username=postgres",
                "--parley.jwt.secret=" + Tokens.SECRET, "--parley.rate-limit.creates=1000000",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + TestSmtp.PORT,
                "--PARLEY_DATA_DIR=" + FILES_DIR.resolve("second-node"),
                // It never looks for events by itself: what the first node writes reaches it only because
                // the first node's commits wake it (LISTEN/NOTIFY).
                "--parley.event-store.fetch-delay=1h"));
        arguments.addAll(TestAxonServer.nodeArguments());
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ParleyApplication.class)
                .run(arguments.toArray(String[]::new))) {
            int otherPort = ((ServletWebServerApplicationContext) second).getWebServer().getPort();
            long a = Tokens.newUserId();
            long b = Tokens.newUserId();
            try (SocketClient alice = connect(a);
                 SocketClient bob = SocketClient.connect(otherPort, Tokens.forUser(b))) {
                long dialog = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(a, b)),
                                            Tokens.admin(Tokens.newUserId())).body().get("id").asLong();

                // A write on the node that does not run the read models still reads its own write.
                JsonNode fromBob = bob.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "from node 2"));
                long bobsId = fromBob.get("data").get("id").asLong();
                assertThat(bob.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data").get(0)
                              .get("id").asLong()).isEqualTo(bobsId);
                // Pushes cross both ways.
                assertThat(alice.awaitEvent("dialogs.messages.create").get("data").get("id").asLong()).isEqualTo(bobsId);
                long alicesId = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "from node 1"))
                                     .get("data").get("id").asLong();
                JsonNode pushed = bob.awaitEvent("dialogs.messages.create");
                assertThat(pushed.get("data").get("id").asLong()).isEqualTo(alicesId);
                long since = pushed.get("seq").asLong();

                // Bob leaves node 2; alice goes on on node 1; bob comes back to node 2 and resumes.
                bob.close();
                List<Long> missed = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    missed.add(alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "missed " + i))
                                    .get("data").get("id").asLong());
                }
                try (SocketClient back = SocketClient.connect(URI.create("ws://localhost:" + otherPort + "/ws/?token="
                                                                                 + Tokens.forUser(b) + "&since=" + since))) {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < missed.size(); i++) {
                        got.add(back.awaitEvent("dialogs.messages.create").get("data").get("id").asLong());
                    }
                    assertThat(got).containsExactlyElementsOf(missed);
                }
            }
        }
    }
}
