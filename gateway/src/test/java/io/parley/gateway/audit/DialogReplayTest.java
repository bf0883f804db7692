package io.parley.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Replaying the read models gives back exactly what they were, and sends no mail and no push again. */
class DialogReplayTest extends ParleyTest {

    /** Every read-model table with the columns that order it by key. */
    static final Map<String, String> READ_MODELS = new LinkedHashMap<>();

    static {
        READ_MODELS.put("user_view", "id");
        READ_MODELS.put("dialog_view", "id");
        READ_MODELS.put("dialog_participant", "dialog_id, user_id");
        READ_MODELS.put("dialog_message_view", "id");
        READ_MODELS.put("unread_message", "user_id, dialog_id, message_id");
        READ_MODELS.put("unread_count_change", "position, user_id");
        READ_MODELS.put("file_view", "id");
        READ_MODELS.put("server_view", "id");
        READ_MODELS.put("server_member", "server_id, user_id, joined_at_position");
        READ_MODELS.put("server_channel", "id");
        READ_MODELS.put("channel_message_view", "id");
        READ_MODELS.put("server_ban", "server_id, user_id");
        READ_MODELS.put("server_invite", "server_id, code");
    }

    static Map<String, List<List<Object>>> dump() {
        Map<String, List<List<Object>>> tables = new LinkedHashMap<>();
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            for (var table : READ_MODELS.entrySet()) {
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select * from " + table.getKey() + " order by "
                                                                   + table.getValue())) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.add(String.valueOf(rs.getObject(i)));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table.getKey(), rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }

    List<JsonNode> projections(String admin) throws Exception {
        Rest.Download status = Rest.get(baseUrl() + "/api/admin/projections", admin);
        assertThat(status.status()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        new ObjectMapper().readTree(status.body()).forEach(list::add);
        return list;
    }

    JsonNode projection(String admin, String name) throws Exception {
        return projections(admin).stream().filter(p -> p.get("name").asText().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void replayRebuildsTheSameReadModelsWithoutSideEffects() throws Exception {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long c = Tokens.newUserId();
        String admin = Tokens.admin(Tokens.newUserId());
        try (SocketClient alice = connect(a); SocketClient bob = connect(b); SocketClient carol = connect(c)) {
            // A history with every kind of dialog event.
            carol.request("users.settings.edit", Map.of("first_name", "Carol", "email_notifications", false));
            long ab = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(a, b)), admin)
                          .body().get("id").asLong();
            long abc = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(a, b, c)), admin)
                           .body().get("id").asLong();
            long file = Rest.upload(baseUrl() + "/api/files/", "notes.txt", "text/plain", "notes".getBytes(),
                                    Tokens.forUser(a)).body().get("id").asLong();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                SocketClient author = i % 3 == 0 ? bob : alice;
                Map<String, Object> body = new LinkedHashMap<>(Map.of("dialog_id", i % 2 == 0 ? ab : abc,
                                                                      "body", "message *" + i + "*"));
                if (i == 7) {
                    body.put("file_id", file);
                }
                ids.add(author.request("dialogs.messages.create", body).get("data").get("id").asLong());
            }
            bob.request("dialogs.messages.seen", Map.of("dialog_id", ab, "message_id", ids.get(10)));
            carol.request("dialogs.messages.seen", Map.of("dialog_id", abc, "message_id", ids.get(27)));
            alice.request("dialogs.messages.edit", Map.of("message_id", ids.get(1), "body", "edited"));
            alice.request("dialogs.messages.delete", Map.of("message_id", ids.get(29)));
            Rest.put(baseUrl() + "/api/admin/users/" + c + "/reviewer", Map.of("reviewer_id", a), admin);
            Rest.postJson(baseUrl() + "/api/dialogs/new-message/", Map.of("body", "review please"), Tokens.forUser(c));
            // Every mail of this history is out before the replay starts.
            Await.until("no mail pending", () -> TestDatabase.count(
                    "select count(*) from email_outbox where status in ('pending', 'sending')") == 0);
            // Pushes go out in stream order: once carol has this one, every earlier push has arrived.
            long last = alice.request("dialogs.messages.create", Map.of("dialog_id", abc, "body", "before the replay"))
                             .get("data").get("id").asLong();
            carol.await(f -> "before the replay".equals(f.path("data").path("markdown_body").asText()));
            // The email processor runs on its own: its mail for this last message (to bob) is queued and
            // sent, and with it every earlier one, before the count is taken.
            Await.until("the last message's mail sent", () -> TestDatabase.count(
                    "select count(*) from email_outbox where status = 'sent' and message_id = " + last) == 1);
            Await.until("no mail pending", () -> TestDatabase.count(
                    "select count(*) from email_outbox where status in ('pending', 'sending')") == 0);
            int mailsBefore = TestSmtp.all();
            int framesBefore = carol.received().size();

            var before = dump();
            assertThat(before.get("dialog_message_view").size()).isGreaterThanOrEqualTo(32);

            assertThat(Rest.postJson(baseUrl() + "/api/admin/projections/replay", Map.of(), Tokens.forUser(a)).status())
                    .isEqualTo(403);
            assertThat(Rest.postJson(baseUrl() + "/api/admin/projections/replay", Map.of("processor", "push"), admin)
                           .status()).isEqualTo(400);
            Rest.Response started = Rest.postJson(baseUrl() + "/api/admin/projections/replay", Map.of(), admin);
            assertThat(started.status()).isEqualTo(202);
            Await.until("replay finished", () -> {
                try {
                    JsonNode status = projection(admin, "projections");
                    return status.get("position").isNumber() && status.get("caught_up").asBoolean()
                            && !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            var after = dump();
            for (String table : READ_MODELS.keySet()) {
                assertThat(after.get(table)).as(table).containsExactlyElementsOf(before.get(table));
            }
            // Queries answer from the rebuilt models.
            assertThat(bob.request("dialogs.messages.load", Map.of("dialog_id", ab, "limit", 100)).get("data"))
                    .hasSize(15);

            // No push again: the next frame carol gets is for a new message.
            alice.request("dialogs.messages.create", Map.of("dialog_id", abc, "body", "after the replay"));
            JsonNode next = carol.await(f -> "after the replay".equals(f.path("data").path("markdown_body").asText()));
            assertThat(next.get("data").get("markdown_body").asText()).isEqualTo("after the replay");
            assertThat(carol.received().subList(framesBefore, carol.received().size()).stream()
                            .filter(f -> !f.has("request_id")).toList())
                    .allMatch(f -> f.get("seq").asLong() == next.get("seq").asLong());
            // No mail again: only the new message's mail to bob arrives (carol has notifications off).
            Await.until("the new message's mail", () -> TestSmtp.all() == mailsBefore + 1);
            Await.until("nothing else queued", () -> TestDatabase.count(
                    "select count(*) from email_outbox where status in ('pending', 'sending')") == 0);
            assertThat(TestSmtp.all()).isEqualTo(mailsBefore + 1);

            JsonNode status = projection(admin, "projections");
            assertThat(status.get("replayable").asBoolean()).isTrue();
            assertThat(status.get("position").asLong()).isEqualTo(status.get("head").asLong());
            assertThat(projection(admin, "dialog-email").get("dead_letters").isNumber()).isTrue();
            assertThat(Rest.get(baseUrl() + "/api/admin/projections", Tokens.forUser(a)).status()).isEqualTo(403);
        }
    }
}
