package io.parley.gateway.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.ParleyApplication;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default mode: no database server, everything in an H2 file under the data directory, and all of
 * it still there after a restart.
 */
class EmbeddedModeTest {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        // Command-line arguments: they outrank application.yml, as a person starting the jar would set them.
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run("--server.port=0", "--PARLEY_DATA_DIR=" + dataDir, "--parley.jwt.secret=" + Tokens.SECRET,
                     "--parley.rate-limit.creates=1000");
    }

    static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void startsWithoutADatabaseServerAndKeepsItsDataAcrossARestart() {
        long bob = Tokens.newUserId();
        long dialog;
        long messageId;
        String token;
        long bobSeen;
        List<Long> missed = new java.util.ArrayList<>();

        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");
            String base = "http://localhost:" + port(first);
            assertThat(Rest.postJson(base + "/api/auth/register", Map.of("username", "eve", "email", "eve@example.org",
                                                                         "password", "eve's password"), null).status())
                    .isEqualTo(201);
            token = Rest.postJson(base + "/api/auth/token", Map.of("username", "eve", "password", "eve's password"),
                                  null).body().get("token").asText();
            try (SocketClient eve = SocketClient.connect(port(first), token);
                 SocketClient bobSocket = SocketClient.connect(port(first), Tokens.forUser(bob))) {
                long eveId = eve.hello().get("data").get("user_id").asLong();
                dialog = Rest.postJson(base + "/api/admin/dialogs", Map.of("user_ids", List.of(eveId, bob)),
                                       Tokens.admin(Tokens.newUserId())).body().get("id").asLong();
                messageId = eve.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "still here?"))
                               .get("data").get("id").asLong();
                bobSeen = bobSocket.awaitEvent("dialogs.messages.create").get("seq").asLong();
            }
            // Bob is away while eve goes on, and then Parley restarts.
            try (SocketClient eve = SocketClient.connect(port(first), token)) {
                for (int i = 0; i < 20; i++) {
                    missed.add(eve.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "missed " + i))
                                  .get("data").get("id").asLong());
                }
            }
        }
        assertThat(Files.exists(dataDir.resolve("parley.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            String base = "http://localhost:" + port(second);
            // The password login still works, and the dialog and its message are there.
            String again = Rest.postJson(base + "/api/auth/token", Map.of("username", "eve", "password",
                                                                          "eve's password"), null)
                               .body().get("token").asText();
            // Resuming after the restart brings every missed message, in order, once.
            try (SocketClient resumed = SocketClient.connect(java.net.URI.create(
                    "ws://localhost:" + port(second) + "/ws/?token=" + Tokens.forUser(bob) + "&since=" + bobSeen))) {
                List<Long> got = new java.util.ArrayList<>();
                for (int i = 0; i < missed.size(); i++) {
                    got.add(resumed.awaitEvent("dialogs.messages.create").get("data").get("id").asLong());
                }
                assertThat(got).containsExactlyElementsOf(missed);
            }
            try (SocketClient bobSocket = SocketClient.connect(port(second), Tokens.forUser(bob));
                 SocketClient eve = SocketClient.connect(port(second), again)) {
                JsonNode page = bobSocket.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 100));
                assertThat(page.get("meta").get("total").asInt()).isEqualTo(21);
                assertThat(page.get("data").get(0).get("id").asLong()).isEqualTo(messageId);
                assertThat(bobSocket.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);
                // The read models rebuild from the embedded store as well.
                String admin = Tokens.admin(Tokens.newUserId());
                assertThat(Rest.postJson(base + "/api/admin/projections/replay", Map.of(), admin).status()).isEqualTo(202);
                io.parley.gateway.support.Await.until("the replay is done", () -> {
                    String status = new String(Rest.get(base + "/api/admin/projections", admin).body());
                    return status.contains("\"name\":\"projections\"") && status.matches(
                            "(?s).*\"name\":\"projections\",[^}]*\"lag\":0,\"replaying\":false,\"caught_up\":true.*");
                });
                assertThat(bobSocket.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 100))
                                    .get("meta").get("total").asInt()).isEqualTo(21);
                // New writes continue the same stream.
                eve.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "yes"));
                assertThat(bobSocket.awaitEvent("dialogs.messages.create").get("data").get("markdown_body").asText())
                        .isEqualTo("yes");
            }
        }
    }
}
