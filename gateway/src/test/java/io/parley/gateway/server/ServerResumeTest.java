package io.parley.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume across servers and dialogs, with membership changing inside the missed window: the resumed
 * client gets what it was entitled to at each event's position, so its own user_left, and nothing of
 * the server after it.
 */
class ServerResumeTest extends ServersApiTest {

    @Test
    void aUserKickedWhileAwayGetsUserLeftAndNothingAfterIt() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        long w = Tokens.newUserId();
        try (SocketClient owner = connect(o); SocketClient writer = connect(w)) {
            long server = createServer(owner, "resume");
            long channel = createChannel(owner, server, "general");
            String code = createInvite(owner, server);
            long dialog;
            long since;
            try (SocketClient member = connect(m)) {
                ok(member, "servers.join", Map.of("code", code));
                ok(writer, "servers.join", Map.of("code", code));
                dialog = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(m, w)),
                                       Tokens.admin(Tokens.newUserId())).body().get("id").asLong();
                barrier(member, m);
                since = member.received().stream().mapToLong(f -> f.path("seq").asLong(-1)).max().orElseThrow();
            }
            // Away: the server talks, the member is kicked, the server goes on; a dialog goes on too.
            for (int i = 0; i < 5; i++) {
                post(writer, channel, "before " + i);
            }
            writer.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "dialog 1"));
            ok(owner, "servers.members.kick", Map.of("server_id", server, "user_id", m));
            for (int i = 0; i < 5; i++) {
                post(writer, channel, "after " + i);
            }
            writer.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "dialog 2"));

            try (SocketClient back = SocketClient.connect(URI.create("ws://localhost:" + port + "/ws/?token="
                                                                             + Tokens.forUser(m) + "&since=" + since))) {
                back.await(f -> "dialog 2".equals(f.path("data").path("markdown_body").asText()));
                List<JsonNode> pushes = back.received().stream().filter(f -> f.has("seq") && !f.has("request_id"))
                                            .filter(f -> !"hello".equals(f.path("event").asText())).toList();
                List<String> seen = pushes.stream().map(f -> f.has("name")
                                                             ? f.get("name").asText() + ":" + f.get("data").path("text").asText(
                        f.get("data").path("id").asText())
                                                             : f.get("event").asText() + ":" + f.get("data").path("markdown_body")
                                                                                              .asText(f.get("data").asText()))
                                          .toList();
                assertThat(seen).containsExactly(
                        "message_created:before 0", "message_created:before 1", "message_created:before 2",
                        "message_created:before 3", "message_created:before 4",
                        "dialogs.messages.create:dialog 1", "notifications.dialogs.count:1",
                        "user_left:" + m,
                        "dialogs.messages.create:dialog 2");
                // In stream order: every push has a cursor of its own, each above the one before.
                long last = since;
                for (JsonNode push : pushes) {
                    assertThat(push.get("seq").asLong()).isGreaterThan(last);
                    last = push.get("seq").asLong();
                }
            }
        }
    }
}
