package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialogs API end to end: real sockets, real PostgreSQL. */
class DialogFlowTest extends ParleyTest {

    static final String ISO_MICROS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";
    static final Set<String> MESSAGE_KEYS = Set.of("id", "user", "body", "body_html", "markdown_body", "file", "date_created",
                                                   "date_read", "dialog");
    static final Set<String> USER_KEYS = Set.of("id", "username", "first_name", "last_name", "avatar");

    @Test
    void twoParticipantsTalkAndAnOutsiderSeesNothing() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long c = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient alicePhone = connect(a); SocketClient bob = connect(b);
             SocketClient carol = connect(c)) {
            long dialog = startDialog(a, b);

            // A creates: the reply carries the message in the dialogs API's shape.
            JsonNode reply = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "# Hello"));
            assertThat(reply.path("type").asText()).isEqualTo("ws_send");
            assertThat(reply.path("event").asText()).isEqualTo("dialogs.messages.create");
            assertThat(reply.has("error")).isFalse();
            JsonNode message = reply.get("data");
            assertThat(fieldNames(message)).isEqualTo(MESSAGE_KEYS);
            assertThat(fieldNames(message.get("user"))).isEqualTo(USER_KEYS);
            assertThat(message.get("user").get("id").asLong()).isEqualTo(a);
            assertThat(message.get("markdown_body").asText()).isEqualTo("# Hello");
            assertThat(message.get("body_html").asText()).isEqualTo("<h1>Hello</h1>\n");
            assertThat(message.get("body").asText()).isEqualTo("<h1>Hello</h1>\n");
            assertThat(message.get("file").isNull()).isTrue();
            assertThat(message.get("date_read").isNull()).isTrue();
            assertThat(message.get("dialog").asLong()).isEqualTo(dialog);
            assertThat(message.get("date_created").asText()).matches(ISO_MICROS);
            long messageId = message.get("id").asLong();

            // Read-your-writes: a load right after the reply sees the message.
            JsonNode page = alice.request("dialogs.messages.load", Map.of("dialog_id", dialog));
            assertThat(page.get("data")).hasSize(1);
            assertThat(page.get("data").get(0).get("id").asLong()).isEqualTo(messageId);
            assertThat(page.get("meta").get("limit").asInt()).isEqualTo(20);
            assertThat(page.get("meta").get("offset").asInt()).isEqualTo(0);
            assertThat(page.get("meta").get("total").asInt()).isEqualTo(1);

            // B gets the push, then its unread-dialogs count: 1.
            JsonNode push = bob.awaitEvent("dialogs.messages.create");
            assertThat(push.get("data")).isEqualTo(message);
            assertThat(push.get("type").asText()).isEqualTo("ws_send");
            assertThat(push.get("seq").isIntegralNumber()).isTrue();
            // The reply stands for the sender's push: the push's frame with the request's id, its cursor included.
            assertThat(reply.get("seq").asLong()).isEqualTo(push.get("seq").asLong());
            JsonNode count = bob.awaitEvent("notifications.dialogs.count");
            assertThat(count.get("data").asInt()).isEqualTo(1);
            // The count is the event's second push for B: a cursor of its own, after the message's.
            assertThat(count.get("seq").asLong()).isGreaterThan(push.get("seq").asLong());
            // A's other socket gets the push too; the socket that sent it got one frame, the reply.
            assertThat(alicePhone.awaitEvent("dialogs.messages.create").get("seq")).isEqualTo(push.get("seq"));

            assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);
            JsonNode bobsDialogs = bob.request("dialogs.load");
            JsonNode listed = bobsDialogs.get("data").get(0);
            assertThat(fieldNames(listed)).isEqualTo(Set.of("id", "users", "user", "last_message",
                                                            "unread_messages_count"));
            assertThat(listed.get("id").asLong()).isEqualTo(dialog);
            assertThat(listed.get("user").get("id").asLong()).isEqualTo(a);
            assertThat(listed.get("users")).hasSize(2);
            assertThat(listed.get("last_message").get("id").asLong()).isEqualTo(messageId);
            assertThat(listed.get("unread_messages_count").asInt()).isEqualTo(1);
            assertThat(bobsDialogs.get("meta").get("total").asInt()).isEqualTo(1);

            // B marks it seen: both get dialogs.messages.seen, B's count drops to 0.
            JsonNode seen = bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", messageId));
            assertThat(seen.get("event").asText()).isEqualTo("dialogs.messages.seen");
            assertThat(seen.get("user").asLong()).isEqualTo(b);
            assertThat(seen.get("data").get("id").asLong()).isEqualTo(messageId);
            assertThat(seen.get("data").get("date_read").asText()).matches(ISO_MICROS);
            JsonNode seenPush = alice.awaitEvent("dialogs.messages.seen");
            assertThat(seenPush.get("user").asLong()).isEqualTo(b);
            assertThat(seenPush.get("data")).isEqualTo(seen.get("data"));
            assertThat(bob.awaitEvent("notifications.dialogs.count").get("data").asInt()).isEqualTo(0);
            assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(0);
            assertThat(alice.request("dialogs.load").get("data").get(0).get("user").get("id").asLong()).isEqualTo(b);

            // C, outside the dialog: every request on it is refused and changes nothing.
            long before = storedEvents();
            assertError(carol.request("dialogs.messages.load", Map.of("dialog_id", dialog)), "not_found");
            assertError(carol.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "hi")),
                        "not_found");
            assertError(carol.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", messageId)),
                        "not_found");
            assertThat(storedEvents()).isEqualTo(before);
            assertThat(alice.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data")).hasSize(1);
            assertThat(carol.request("dialogs.load").get("data")).isEmpty();

            // Barrier: pushes go out in stream order, so once C and A get these later pushes, anything
            // they were sent for the earlier events has arrived too.
            long d = Tokens.newUserId();
            try (SocketClient dave = connect(d)) {
                long other = startDialog(c, d);
                dave.request("dialogs.messages.create", Map.of("dialog_id", other, "body", "barrier"));
                carol.awaitEvent("dialogs.messages.create");
            }
            bob.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "barrier"));
            alice.await(f -> "dialogs.messages.create".equals(f.path("event").asText())
                    && "barrier".equals(f.path("data").path("markdown_body").asText()));
            assertThat(eventsOf(carol.received(), "dialogs.")).allSatisfy(
                    f -> assertThat(f.path("data").path("dialog").asLong()).isNotEqualTo(dialog));
            // A's own message did not change A's count: the only count push A ever gets is for B's barrier,
            // right after its message push.
            assertThat(alice.awaitEvent("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);
            assertThat(eventsOf(alice.received(), "notifications.dialogs.count")).hasSize(1);
        }
    }

    @Test
    void pagesCountBackFromTheNewestAndSeenReadsEarlierMessagesToo() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                ids.add(alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "m" + i))
                             .get("data").get("id").asLong());
            }
            JsonNode newest = bob.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 10));
            assertThat(bodies(newest)).containsExactly("m16", "m17", "m18", "m19", "m20", "m21", "m22", "m23",
                                                       "m24", "m25");
            assertThat(newest.get("meta").get("total").asInt()).isEqualTo(25);
            JsonNode older = bob.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 10,
                                                                         "offset", 10));
            assertThat(bodies(older)).containsExactly("m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14",
                                                      "m15");
            assertThat(older.get("meta").get("offset").asInt()).isEqualTo(10);
            JsonNode oldest = bob.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 10,
                                                                          "offset", 20));
            assertThat(bodies(oldest)).containsExactly("m1", "m2", "m3", "m4", "m5");

            // Seeing m20 reads m1..m20; m21..m25 stay unread, and the dialog still counts as unread.
            bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", ids.get(19)));
            JsonNode after = bob.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 25));
            for (JsonNode m : after.get("data")) {
                int n = Integer.parseInt(m.get("markdown_body").asText().substring(1));
                assertThat(m.get("date_read").isNull()).as("m" + n + " read").isEqualTo(n > 20);
            }
            assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);
            assertThat(bob.request("dialogs.load").get("data").get(0).get("unread_messages_count").asInt())
                    .isEqualTo(5);

            // The author cannot mark their own message seen.
            assertError(alice.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", ids.get(0))),
                        "forbidden");

            bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", ids.get(24)));
            assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(0);
        }
    }

    @Test
    void editAndDeleteAreTheAuthorsAndArePushed() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            long id = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "draft"))
                           .get("data").get("id").asLong();
            assertError(bob.request("dialogs.messages.edit", Map.of("message_id", id, "body", "mine")), "forbidden");
            JsonNode edited = alice.request("dialogs.messages.edit", Map.of("message_id", id, "body", "*final*"));
            assertThat(edited.get("data").get("body_html").asText()).isEqualTo("<p><em>final</em></p>\n");
            assertThat(bob.await(f -> "dialogs.messages.edit".equals(f.path("event").asText())).get("data")
                          .get("markdown_body").asText()).isEqualTo("*final*");
            assertThat(bob.awaitEvent("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);

            assertError(bob.request("dialogs.messages.delete", Map.of("message_id", id)), "forbidden");
            alice.request("dialogs.messages.delete", Map.of("message_id", id));
            JsonNode deleted = bob.awaitEvent("dialogs.messages.delete");
            assertThat(deleted.get("data").get("id").asLong()).isEqualTo(id);
            // The only unread message is gone, so B's count drops back.
            assertThat(bob.awaitEvent("notifications.dialogs.count").get("data").asInt()).isEqualTo(0);
            assertThat(bob.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data")).isEmpty();
            assertError(alice.request("dialogs.messages.edit", Map.of("message_id", id, "body", "again")),
                        "not_found");
        }
    }

    @Test
    void aRepeatedNonceReturnsTheFirstMessageAndStoresNothing() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            long before = storedEvents();
            JsonNode first = alice.request("dialogs.messages.create",
                                           Map.of("dialog_id", dialog, "body", "once", "nonce", "n-1"));
            JsonNode again = alice.request("dialogs.messages.create",
                                           Map.of("dialog_id", dialog, "body", "once", "nonce", "n-1"));
            assertThat(again.get("data")).isEqualTo(first.get("data"));
            assertThat(storedEvents()).isEqualTo(before + 1);
            // Another nonce is another message.
            JsonNode other = alice.request("dialogs.messages.create",
                                           Map.of("dialog_id", dialog, "body", "once", "nonce", "n-2"));
            assertThat(other.get("data").get("id").asLong()).isNotEqualTo(first.get("data").get("id").asLong());
            // Bob got two pushes, not three: the second create pushed nothing.
            bob.await(f -> f.path("data").path("id").asLong() == other.get("data").get("id").asLong());
            assertThat(eventsOf(bob.received(), "dialogs.messages.create")).hasSize(2);
            // The REST path shares the nonces.
            Rest.Response viaRest = Rest.postJson(baseUrl() + "/api/dialogs/new-message/",
                                                  Map.of("body", "x", "nonce", 5), Tokens.forUser(a));
            assertThat(viaRest.status()).isEqualTo(400);
        }
    }

    static void assertError(JsonNode reply, String code) {
        assertThat(reply.path("error").path("code").asText()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("error").path("message").asText()).isNotEmpty();
        // No reply data: "data" only repeats the message, for the origin's frontend (beside "exception").
        assertThat(reply.path("data").asText()).as("refused: " + reply).isEqualTo(reply.path("error").path("message").asText());
        assertThat(reply.path("exception").asBoolean()).isTrue();
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static List<JsonNode> eventsOf(List<JsonNode> frames, String prefix) {
        return frames.stream().filter(f -> f.path("event").asText().startsWith(prefix))
                     .filter(f -> !f.has("request_id")).toList();
    }

    static List<String> bodies(JsonNode page) {
        List<String> bodies = new ArrayList<>();
        page.get("data").forEach(m -> bodies.add(m.get("markdown_body").asText()));
        return bodies;
    }

    /** The rows every message adds are copied in bulk (COPY's text format on PostgreSQL): nothing is lost. */
    @Test
    void aBodyWithTabsBackslashesAndLineBreaksComesBackAsSent() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            String body = "tab\there\r\nback\\slash \\N \\t \\\\\nline two\n\n* é 漢字 🎉";
            JsonNode reply = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", body));
            assertThat(reply.get("data").get("markdown_body").asText()).isEqualTo(body);
            JsonNode loaded = bob.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data").get(0);
            assertThat(loaded.get("markdown_body").asText()).isEqualTo(body);
            assertThat(loaded.get("body_html").asText()).isEqualTo(reply.get("data").get("body_html").asText())
                                                       .contains("\\N", "漢字 🎉", "<li>");
            assertThat(loaded.get("date_created").asText()).matches(ISO_MICROS);
            // Its unread row went in the same way: bob has one unread dialog, and reading clears it.
            assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);
            bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", loaded.get("id").asLong()));
            assertThat(bob.request("notifications.dialogs.count").get("data").asInt()).isZero();
        }
    }
}
