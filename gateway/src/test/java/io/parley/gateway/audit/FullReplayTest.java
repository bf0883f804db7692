package io.parley.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.notifications.DialogEmailNotifier;
import io.parley.realtime.api.PushCursor;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realistic history, built through the public API (50 users, 10 servers, 50 dialogs, 20,000 messages
 * with edits, deletes and read marks), then every read model rebuilt from the event store: the tables
 * come back identical, no mail goes out again and no push is sent again.
 */
class FullReplayTest extends ParleyTest {

    static final int USERS = 50;
    static final int MESSAGES = 20_000;

    @Test
    void rebuildingEveryReadModelGivesTheSameTablesAndNoSideEffects() throws Exception {
        String admin = Tokens.admin(Tokens.newUserId());
        List<Long> users = new ArrayList<>();
        List<SocketClient> sockets = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < USERS; i++) {
                users.add(Tokens.newUserId());
                sockets.add(connect(users.get(i)));
                // Mail for two users only: enough to see none goes out again, few enough to send quickly.
                if (i > 1) {
                    sockets.get(i).request("users.settings.edit", Map.of("email_notifications", false));
                }
            }
            // 10 servers, each with two channels and ten members.
            List<Long> channels = new ArrayList<>();
            List<Integer> channelWriters = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                SocketClient owner = sockets.get(s * 5);
                long server = owner.request("servers.create", Map.of("name", "server " + s)).get("data").get("id").asLong();
                String code = owner.request("servers.invites.create", Map.of("server_id", server)).get("data")
                                   .get("code").asText();
                for (int m = 1; m < 10; m++) {
                    sockets.get((s * 5 + m) % USERS).request("servers.join", Map.of("code", code));
                }
                for (int c = 0; c < 2; c++) {
                    channels.add(owner.request("channels.create", Map.of("server_id", server, "name", "c" + c))
                                      .get("data").get("id").asLong());
                    channelWriters.add(s * 5 + c);
                }
            }
            // 50 dialogs between neighbours.
            List<Long> dialogs = new ArrayList<>();
            for (int d = 0; d < 50; d++) {
                dialogs.add(Rest.postJson(baseUrl() + "/api/admin/dialogs",
                                          Map.of("user_ids", List.of(users.get(d), users.get((d + 1) % USERS))), admin)
                                .body().get("id").asLong());
            }

            // 20,000 messages from eight writers at once; every 40th edited, every 100th deleted, read marks.
            List<Future<?>> writing = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writing.add(pool.submit(() -> {
                    for (int i = writer; i < MESSAGES; i += 8) {
                        if (i % 2 == 0) {
                            int d = (i / 2) % 50;
                            SocketClient author = sockets.get(d);
                            long id = author.request("dialogs.messages.create", Map.of("dialog_id", dialogs.get(d),
                                                                                       "body", "dialog *" + i + "*"))
                                            .get("data").get("id").asLong();
                            if (i % 40 == 0) {
                                author.request("dialogs.messages.edit", Map.of("message_id", id, "body", "edited " + i));
                            }
                            if (i % 100 == 0) {
                                author.request("dialogs.messages.delete", Map.of("message_id", id));
                            } else if (i % 30 == 0) {
                                sockets.get((d + 1) % USERS).request("dialogs.messages.seen",
                                                                     Map.of("dialog_id", dialogs.get(d), "message_id", id));
                            }
                        } else {
                            int c = (i / 2) % channels.size();
                            SocketClient author = sockets.get(channelWriters.get(c));
                            long id = author.request("channels.messages.create", Map.of("channel_id", channels.get(c),
                                                                                        "text", "channel " + i))
                                            .get("data").get("id").asLong();
                            if (i % 40 == 1) {
                                author.request("channels.messages.edit", Map.of("message_id", id, "text", "edited " + i));
                            }
                            if (i % 100 == 1) {
                                author.request("channels.messages.delete", Map.of("message_id", id));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writing) {
                f.get();
            }
            assertThat(TestDatabase.count("select count(*) from channel_message_view")).isGreaterThanOrEqualTo(10_000);

            // A barrier: once this push arrives, every earlier push to this socket has.
            SocketClient watcher = sockets.get(1);
            long lastBefore = sockets.get(0).request("dialogs.messages.create",
                                                     Map.of("dialog_id", dialogs.get(0), "body", "before")).get("seq").asLong();
            watcher.await(f -> f.path("seq").asLong() == lastBefore, Duration.ofSeconds(120));
            // The email processor runs on its own: once it is past the last message, every mail is queued.
            Await.until("every mail queued", Duration.ofSeconds(120),
                        () -> status(admin, DialogEmailNotifier.PROCESSOR).get("position").asLong()
                                >= PushCursor.position(lastBefore));
            Await.until("every mail out", Duration.ofSeconds(120), () -> TestDatabase.count(
                    "select count(*) from email_outbox where status in ('pending', 'sending')") == 0);
            int framesBefore = watcher.received().size();
            int mailsBefore = TestSmtp.all();

            var before = DialogReplayTest.dump();
            assertThat(Rest.postJson(baseUrl() + "/api/admin/projections/replay", Map.of(), admin).status()).isEqualTo(202);
            Await.until("the replay is done", Duration.ofSeconds(300), () -> {
                JsonNode status = status(admin);
                return status.get("position").isNumber() && status.get("caught_up").asBoolean()
                        && !status.get("replaying").asBoolean() && status.get("lag").asLong() == 0;
            });
            var after = DialogReplayTest.dump();
            for (String table : DialogReplayTest.READ_MODELS.keySet()) {
                assertThat(after.get(table)).as(table).containsExactlyElementsOf(before.get(table));
            }
            assertThat(TestSmtp.all()).as("no mail again").isEqualTo(mailsBefore);
            assertThat(watcher.received()).as("no push again").hasSize(framesBefore);
            assertThat(TestDatabase.count("select count(*) from email_outbox where status in ('pending', 'sending')"))
                    .isZero();
        } finally {
            sockets.forEach(SocketClient::close);
            pool.shutdownNow();
        }
    }

    JsonNode status(String admin) {
        return status(admin, "projections");
    }

    JsonNode status(String admin, String name) {
        try {
            for (JsonNode processor : new ObjectMapper().readTree(Rest.get(baseUrl() + "/api/admin/projections", admin)
                                                                      .body())) {
                if (processor.get("name").asText().equals(name)) {
                    return processor;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no projections processor");
    }
}
