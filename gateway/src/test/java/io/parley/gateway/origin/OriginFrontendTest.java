package io.parley.gateway.origin;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frames the dialogs API's origin frontend sends, exactly as it sends them (no request_id, ids read
 * from the page as strings, a file sent without text), and the fields of the replies it reads: `meta.offset`
 * and `data` of the loads, `data.dialog`, `data.body` (rendered with v-html), `data.file` of a new message,
 * `data.id` and `data.date_read` of a read mark, the number of the count; `exception` and `data` of a refusal.
 */
class OriginFrontendTest extends ParleyTest {

    @Test
    void theOriginsFramesGetTheRepliesItReads() {
        long student = Tokens.newUserId();
        long reviewer = Tokens.newUserId();
        try (SocketClient page = connect(student); SocketClient other = connect(reviewer)) {
            long dialog = startDialog(student, reviewer);

            // On page load: the count, the dialogs.
            page.sendRaw("{\"event\":\"notifications.dialogs.count\"}");
            assertThat(page.awaitEvent("notifications.dialogs.count").get("data").asInt()).isZero();
            page.sendRaw("{\"event\":\"dialogs.load\",\"limit\":20,\"offset\":0}");
            JsonNode dialogs = page.awaitEvent("dialogs.load");
            assertThat(dialogs.get("meta").get("offset").asInt()).isZero();
            assertThat(dialogs.get("data").get(0).get("id").asLong()).isEqualTo(dialog);
            assertThat(dialogs.get("data").get(0).get("user").get("id").asLong()).isEqualTo(reviewer);

            // Markdown, and HTML that must not run where the frontend renders body with v-html.
            page.sendRaw("{\"event\":\"dialogs.messages.create\",\"body\":\"**Done** <img src=x onerror=alert(1)>\","
                         + "\"dialog_id\":" + dialog + "}");
            JsonNode created = page.awaitEvent("dialogs.messages.create").get("data");
            assertThat(created.get("dialog").asLong()).isEqualTo(dialog);
            assertThat(created.get("body").asText())
                    .isEqualTo("<p><strong>Done</strong> &lt;img src=x onerror=alert(1)&gt;</p>\n");
            assertThat(created.get("markdown_body").asText()).isEqualTo("**Done** <img src=x onerror=alert(1)>");
            long first = created.get("id").asLong();

            // A file alone: upload, then create with dialog_id and file_id only.
            JsonNode upload = Rest.upload(baseUrl() + "/api/files/", "work.txt", "text/plain",
                                          "my work".getBytes(StandardCharsets.UTF_8), Tokens.forUser(student)).body();
            page.sendRaw("{\"event\":\"dialogs.messages.create\",\"dialog_id\":" + dialog
                         + ",\"file_id\":" + upload.get("id").asLong() + "}");
            JsonNode withFile = page.awaitEvent("dialogs.messages.create").get("data");
            assertThat(withFile.get("file").get("name").asText()).isEqualTo("work.txt");
            assertThat(withFile.get("body").asText()).isEmpty();
            long second = withFile.get("id").asLong();

            // Neither body nor file: refused, nothing stored.
            long before = storedEvents();
            page.sendRaw("{\"event\":\"dialogs.messages.create\",\"dialog_id\":" + dialog + "}");
            JsonNode refused = page.awaitEvent("dialogs.messages.create");
            assertThat(refused.get("error").get("code").asText()).isEqualTo("bad_request");
            assertThat(refused.get("error").get("message").asText()).isEqualTo("body or file_id is required");
            // What the origin reads of it: the exception flag, and the message in data, which it shows.
            assertThat(refused.get("exception").asBoolean()).isTrue();
            assertThat(refused.get("data").asText()).isEqualTo("body or file_id is required");
            assertThat(storedEvents()).isEqualTo(before);

            // The reviewer's page: messages loaded with a string dialog_id, read marks with string ids.
            assertThat(other.await(f -> "notifications.dialogs.count".equals(f.path("event").asText())
                                        && f.path("data").asInt() == 1)).isNotNull();
            other.sendRaw("{\"event\":\"dialogs.messages.load\",\"dialog_id\":\"" + dialog + "\",\"limit\":20,"
                          + "\"offset\":0}");
            JsonNode messages = other.awaitEvent("dialogs.messages.load");
            assertThat(messages.get("meta").get("offset").asInt()).isZero();
            assertThat(messages.get("data")).hasSize(2);
            other.sendRaw("{\"event\":\"dialogs.messages.seen\",\"dialog_id\":\"" + dialog + "\",\"message_id\":\""
                          + second + "\"}");
            JsonNode seen = other.awaitEvent("dialogs.messages.seen");
            assertThat(seen.get("data").get("id").asLong()).isEqualTo(second);
            assertThat(seen.get("data").get("date_read").isTextual()).isTrue();
            assertThat(other.await(f -> "notifications.dialogs.count".equals(f.path("event").asText())
                                        && f.path("data").asInt() == 0)).isNotNull();
            // The student's page sees the read mark of the earlier message too.
            assertThat(page.await(f -> "dialogs.messages.seen".equals(f.path("event").asText())).get("data")
                           .get("id").asLong()).isEqualTo(second);
            other.sendRaw("{\"event\":\"dialogs.messages.load\",\"dialog_id\":\"" + dialog + "\"}");
            JsonNode reloaded = other.awaitEvent("dialogs.messages.load").get("data");
            assertThat(reloaded.get(0).get("id").asLong()).isEqualTo(first);
            assertThat(reloaded.get(0).get("date_read").isTextual()).isTrue();
        }
    }

    @Test
    void idsAsStringsOfDigitsOnlyAndTheRestAgrees() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a)) {
            connect(b).close(); // Bob is known once his token has connected
            long dialog = startDialog(a, b);
            for (String bad : new String[]{"\"\"", "\"-1\"", "\"1.0\"", "\"12a\"", "\" 12\"", "\"99999999999999999\""}) {
                alice.sendRaw("{\"event\":\"dialogs.messages.load\",\"dialog_id\":" + bad + "}");
                JsonNode reply = alice.awaitEvent("dialogs.messages.load");
                assertThat(reply.get("error").get("message").asText())
                        .isEqualTo("dialog_id must be a positive integer (a number or a string of digits)");
            }
            // REST takes the same: a file id as a string of digits, on the reviewer's new-message.
            Rest.Response assigned = Rest.put(baseUrl() + "/api/admin/users/" + a + "/reviewer", Map.of("reviewer_id", String.valueOf(b)),
                     Tokens.admin(Tokens.newUserId()));
            assertThat(assigned.status()).isEqualTo(200);
            JsonNode upload = Rest.upload(baseUrl() + "/api/files/", "a.txt", "text/plain",
                                          "a".getBytes(StandardCharsets.UTF_8), Tokens.forUser(a)).body();
            Rest.Response posted = Rest.postJson(baseUrl() + "/api/dialogs/new-message/",
                                                 Map.of("file_id", upload.get("id").asText()), Tokens.forUser(a));
            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.body().get("file").get("id").asLong()).isEqualTo(upload.get("id").asLong());
            Rest.Response refused = Rest.postJson(baseUrl() + "/api/dialogs/new-message/", Map.of("file_id", "x1"),
                                                  Tokens.forUser(a));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().get("message").asText())
                    .isEqualTo("file_id must be a positive integer (a number or a string of digits)");
        }
    }

    @Test
    void restIdsAreReadAsTheSocketReadsThem() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long adminId = Tokens.newUserId();
        for (long user : new long[]{a, b, adminId}) {
            connect(user).close(); // known once their token has connected: no registration among the counted events
        }
        String admin = Tokens.admin(adminId);
        String message = " must be a positive integer (a number or a string of digits)";
        long before = storedEvents();
        for (String bad : new String[]{"1.5", "\"12a\"", "\"-1\"", "9007199254740992", "true"}) {
            Rest.Response refused = Rest.post(baseUrl() + "/api/admin/dialogs",
                                              "{\"user_ids\":[" + bad + "," + b + "]}", admin);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().get("message").asText()).isEqualTo("user_ids[0]" + message);
        }
        Rest.Response second = Rest.post(baseUrl() + "/api/admin/dialogs", "{\"user_ids\":[" + a + ",1.5]}", admin);
        assertThat(second.body().get("message").asText()).isEqualTo("user_ids[1]" + message);
        Rest.Response reviewer = Rest.put(baseUrl() + "/api/admin/users/" + a + "/reviewer", Map.of("reviewer_id", 1.5),
                                          admin);
        assertThat(reviewer.status()).isEqualTo(400);
        assertThat(reviewer.body().get("message").asText()).isEqualTo("reviewer_id" + message);
        assertThat(storedEvents()).isEqualTo(before);

        Rest.Response created = Rest.post(baseUrl() + "/api/admin/dialogs",
                                          "{\"user_ids\":[\"" + a + "\",\"" + b + "\"]}", admin);
        assertThat(created.status()).isEqualTo(201);
        // The same users as numbers: the same dialog.
        Rest.Response again = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", java.util.List.of(b, a)),
                                            admin);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asLong()).isEqualTo(created.body().get("id").asLong());
    }
}
