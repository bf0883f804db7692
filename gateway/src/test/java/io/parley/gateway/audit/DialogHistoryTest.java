package io.parley.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every version of a dialog message, from the event store, also after it was deleted. */
class DialogHistoryTest extends ParleyTest {

    static final String ISO_MICROS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";

    /**
     * One instant reads the same everywhere: a message's date_created in the create's reply, the other
     * participant's push and a load, and its history's created date; a date_read in the reply and a load. Event times
     * have nanoseconds, so a place that rounded to microseconds where another cut would differ in about half
     * of twenty messages.
     */
    @Test
    void theSameInstantReadsTheSameInTheReplyThePushTheLoadAndTheHistory() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            Map<Long, String> created = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 20; i++) {
                JsonNode reply = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "m" + i))
                                      .get("data");
                created.put(reply.get("id").asLong(), reply.get("date_created").asText());
                assertThat(bob.awaitEvent("dialogs.messages.create").get("data").get("date_created").asText())
                        .isEqualTo(reply.get("date_created").asText());
            }
            JsonNode page = bob.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 20)).get("data");
            page.forEach(m -> assertThat(m.get("date_created").asText()).isEqualTo(created.get(m.get("id").asLong())));
            created.forEach((id, date) -> assertThat(
                    alice.request("dialogs.messages.history", Map.of("message_id", id)).get("data").get("versions")
                         .get(0).get("date").asText()).as("message %d", id).isEqualTo(date));

            long first = created.keySet().iterator().next();
            JsonNode seen = bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", first))
                               .get("data");
            JsonNode loaded = bob.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 20))
                                 .get("data").get(0);
            assertThat(loaded.get("date_read").asText()).isEqualTo(seen.get("date_read").asText());
        }
    }

    @Test
    void fourVersionsAndTheDeletionForTheAuthorAndAnAdminOnly() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long c = Tokens.newUserId();
        long adminId = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b); SocketClient carol = connect(c);
             SocketClient admin = SocketClient.connect(port, Tokens.admin(adminId))) {
            long dialog = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(a, b)),
                                        Tokens.admin(adminId)).body().get("id").asLong();
            long id = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "v1"))
                           .get("data").get("id").asLong();
            bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", id));
            for (String body : List.of("v2", "v3", "v4")) {
                alice.request("dialogs.messages.edit", Map.of("message_id", id, "body", body));
            }
            alice.request("dialogs.messages.delete", Map.of("message_id", id));
            assertThat(alice.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data")).isEmpty();

            JsonNode history = alice.request("dialogs.messages.history", Map.of("message_id", id)).get("data");
            assertThat(history.get("id").asLong()).isEqualTo(id);
            assertThat(history.get("dialog").asLong()).isEqualTo(dialog);
            JsonNode versions = history.get("versions");
            assertThat(versions).hasSize(5);
            List<String> kinds = new java.util.ArrayList<>();
            versions.forEach(v -> kinds.add(v.get("kind").asText()));
            assertThat(kinds).containsExactly("created", "edited", "edited", "edited", "deleted");
            for (int i = 0; i < 4; i++) {
                assertThat(versions.get(i).get("markdown_body").asText()).isEqualTo("v" + (i + 1));
            }
            assertThat(versions.get(4).has("markdown_body")).isFalse();
            versions.forEach(v -> {
                assertThat(v.get("user").asLong()).isEqualTo(a);
                assertThat(v.get("date").asText()).matches(ISO_MICROS);
            });
            for (int i = 1; i < 5; i++) {
                assertThat(versions.get(i).get("date").asText()).isGreaterThanOrEqualTo(versions.get(i - 1).get("date").asText());
            }

            // The other participant and an admin see the same; an outsider is refused, and learns nothing:
            // an unknown id gets the same answer.
            assertThat(bob.request("dialogs.messages.history", Map.of("message_id", id)).get("data")).isEqualTo(history);
            assertThat(admin.request("dialogs.messages.history", Map.of("message_id", id)).get("data")).isEqualTo(history);
            assertThat(carol.request("dialogs.messages.history", Map.of("message_id", id)).get("error").get("code")
                            .asText()).isEqualTo("forbidden");
            assertThat(carol.request("dialogs.messages.history", Map.of("message_id", 9_000_000_000L)).get("error")
                            .get("code").asText()).isEqualTo("forbidden");
            assertThat(admin.request("dialogs.messages.history", Map.of("message_id", 9_000_000_000L)).get("error")
                            .get("code").asText()).isEqualTo("not_found");
            assertThat(alice.request("dialogs.messages.history", Map.of("message_id", "x")).get("error").get("code")
                            .asText()).isEqualTo("bad_request");

            String url = baseUrl() + "/api/admin/messages/dialog/" + id + "/history";
            Rest.Download rest = Rest.get(url, Tokens.admin(adminId));
            assertThat(rest.status()).isEqualTo(200);
            assertThat(new String(rest.body())).isEqualTo(history.toString());
            assertThat(Rest.get(url, Tokens.forUser(a)).status()).isEqualTo(403);
            assertThat(Rest.get(baseUrl() + "/api/admin/messages/dialog/9000000000/history", Tokens.admin(adminId))
                           .status()).isEqualTo(404);
        }
    }
}
