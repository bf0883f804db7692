package io.parley.realtime;

import io.parley.realtime.api.PushCursor;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A cursor per push: a client that comes back from the first of an event's two pushes gets the second, once. */
class ResumeBetweenPushesTest extends ParleyTest {

    @Test
    void aSocketDroppedAfterTheMessagePushGetsItsCountPushOnceOnResume() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            bob.dropAfter(f -> "dialogs.messages.create".equals(f.path("event").asText()));
            alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "two pushes"));
            JsonNode message = bob.await(f -> "dialogs.messages.create".equals(f.path("event").asText()));
            assertThat(bob.dropped()).isTrue();
            long since = message.get("seq").asLong();

            try (SocketClient back = resume(b, since)) {
                JsonNode count = back.awaitEvent("notifications.dialogs.count");
                assertThat(count.get("data").asInt()).isEqualTo(1);
                assertThat(count.get("seq").asLong()).isGreaterThan(since);
                // Nothing at or before the cursor, and the count once, even after later pushes.
                alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "later"));
                back.await(f -> "later".equals(f.path("data").path("markdown_body").asText()));
                List<JsonNode> pushes = back.received().stream().filter(f -> f.has("seq")).toList();
                assertThat(pushes).allMatch(f -> f.get("seq").asLong() > since);
                assertThat(pushes.stream().filter(f -> f.get("seq").equals(count.get("seq")))).hasSize(1);
                assertThat(pushes.stream().map(f -> f.path("event").asText())).containsExactly(
                        "notifications.dialogs.count", "dialogs.messages.create");
            }
        }
    }

    @Test
    void aNewOwnerDroppedAfterServerEditedGetsGotServerOwnerOnceOnResume() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        try (SocketClient owner = connect(o); SocketClient member = connect(m)) {
            long server = owner.request("servers.create", Map.of("name", "handed")).get("data").get("id").asLong();
            String code = owner.request("servers.invites.create", Map.of("server_id", server)).get("data").get("code")
                               .asText();
            member.request("servers.join", Map.of("code", code));
            member.dropAfter(f -> "server_edited".equals(f.path("name").asText()));
            owner.request("servers.edit", Map.of("server_id", server, "owner_id", m));
            long since = member.await(f -> "server_edited".equals(f.path("name").asText())).get("seq").asLong();
            assertThat(member.dropped()).isTrue();

            try (SocketClient back = resume(m, since)) {
                JsonNode gotOwner = back.await(f -> "got_server_owner".equals(f.path("name").asText()));
                assertThat(gotOwner.get("seq").asLong()).isEqualTo(since + 1);
                back.request("servers.edit", Map.of("server_id", server, "name", "mine now"));
                back.await(f -> "server_edited".equals(f.path("name").asText()));
                assertThat(back.received().stream().filter(f -> f.has("name")).map(f -> f.get("name").asText()))
                        .containsExactly("got_server_owner", "server_edited");
            }
        }
    }

    @Test
    void aCursorPastEverythingStoredGoesOnLiveFromTheHead() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        connect(b).close();
        try (SocketClient alice = connect(a)) {
            long dialog = startDialog(a, b);
            long head = alice.hello().get("data").get("seq").asLong();
            long future = (PushCursor.position(head) + 1_000_000_000L) * PushCursor.PUSHES_PER_EVENT;
            try (SocketClient bob = resume(b, future)) {
                // Told where it really starts: at the head, not at a cursor no push will ever have.
                assertThat(bob.hello().get("data").get("seq").asLong()).isLessThan(future).isGreaterThanOrEqualTo(head);
                long id = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "live"))
                               .get("data").get("id").asLong();
                assertThat(bob.awaitEvent("dialogs.messages.create").get("data").get("id").asLong()).isEqualTo(id);
            }
        }
    }

    @Test
    void aBadSinceIsRefusedWithAnAnswerThatSaysWhy() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("GET /ws/?since=yesterday&token=" + Tokens.forUser(Tokens.newUserId())
                    + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                                                   .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[1024];
            // Read until the body has come (the connection may stay open after it).
            for (int n = 0; n >= 0 && !answer.toString().contains("(a push's seq)"); ) {
                n = socket.getInputStream().read(buffer);
                answer.append(new String(buffer, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 400").contains("since must be a whole number from 0 up");
        }
    }
}
