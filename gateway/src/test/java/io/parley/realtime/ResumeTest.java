package io.parley.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Resume: a client that comes back with since=SEQ gets exactly what it missed, then goes on live. */
class ResumeTest extends ParleyTest {

    /**
     * Four writers at once, each posting {@code each} messages, turn about into its dialog with the
     * reader and into a channel of a server the reader is a member of.
     */
    static List<Future<?>> write(ExecutorService pool, List<SocketClient> writers, List<Long> dialogs, long channel,
                                 int each, Set<Long> dialogIds, Set<Long> channelIds, String tag) {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers.size(); w++) {
            SocketClient writer = writers.get(w);
            long dialog = dialogs.get(w);
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    if (i % 2 == 0) {
                        dialogIds.add(writer.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", tag + i))
                                            .get("data").get("id").asLong());
                    } else {
                        channelIds.add(writer.request("channels.messages.create", Map.of("channel_id", channel, "text", tag + i))
                                             .get("data").get("id").asLong());
                    }
                }
            }));
        }
        return done;
    }

    @Test
    void aReturningClientGetsExactlyWhatItMissedInOrderWhileWritersGoOn() throws Exception {
        long reader = Tokens.newUserId();
        List<Long> writerIds = List.of(Tokens.newUserId(), Tokens.newUserId(), Tokens.newUserId(), Tokens.newUserId());
        List<SocketClient> writers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            writerIds.forEach(w -> writers.add(connect(w)));
            long since;
            long channel;
            List<Long> dialogs = new ArrayList<>();
            try (SocketClient first = connect(reader)) {
                writerIds.forEach(w -> dialogs.add(startDialog(reader, w)));
                long server = first.request("servers.create", Map.of("name", "resume")).get("data").get("id").asLong();
                channel = first.request("channels.create", Map.of("server_id", server, "name", "general"))
                               .get("data").get("id").asLong();
                String code = first.request("servers.invites.create", Map.of("server_id", server)).get("data")
                                   .get("code").asText();
                writers.forEach(w -> w.request("servers.join", Map.of("code", code)));
                // The client saw everything up to here: its last push, or its hello.
                since = first.request("ping").path("seq").asLong(first.hello().get("data").get("seq").asLong());
            }
            // Away: 1,000 messages from four concurrent writers, in dialogs and in a server.
            Set<Long> missed = ConcurrentHashMap.newKeySet();
            Set<Long> missedInChannel = ConcurrentHashMap.newKeySet();
            for (Future<?> f : write(pool, writers, dialogs, channel, 250, missed, missedInChannel, "away ")) {
                f.get();
            }
            // Back, while the writers go on.
            Set<Long> during = ConcurrentHashMap.newKeySet();
            Set<Long> duringInChannel = ConcurrentHashMap.newKeySet();
            SocketClient back = SocketClient.connect(URI.create("ws://localhost:" + port + "/ws/?token="
                                                                        + Tokens.forUser(reader) + "&since=" + since));
            List<Future<?>> writing = write(pool, writers, dialogs, channel, 50, during, duringInChannel, "back ");
            for (Future<?> f : writing) {
                f.get();
            }
            Set<Long> all = new java.util.HashSet<>(missed);
            all.addAll(during);
            Set<Long> allInChannel = new java.util.HashSet<>(missedInChannel);
            allInChannel.addAll(duringInChannel);
            assertThat(all.size() + allInChannel.size()).isEqualTo(1_200);
            // 1,200 events from four writers all move through one 2-core machine: a generous bound.
            for (long id : all) {
                back.await(f -> "dialogs.messages.create".equals(f.path("event").asText())
                        && f.path("data").path("id").asLong() == id, java.time.Duration.ofSeconds(90));
            }
            for (long id : allInChannel) {
                back.await(f -> "message_created".equals(f.path("name").asText())
                        && f.path("data").path("id").asLong() == id, java.time.Duration.ofSeconds(90));
            }
            List<JsonNode> pushes = back.received().stream().filter(f -> f.has("seq") && !f.has("request_id"))
                                        .filter(f -> !"hello".equals(f.path("event").asText())).toList();
            List<Long> messageIds = pushes.stream().filter(f -> "dialogs.messages.create".equals(f.path("event").asText()))
                                          .map(f -> f.get("data").get("id").asLong()).toList();
            List<Long> channelMessageIds = pushes.stream().filter(f -> "message_created".equals(f.path("name").asText()))
                                                 .map(f -> f.get("data").get("id").asLong()).toList();
            assertThat(channelMessageIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(allInChannel);
            Map<Long, Long> seqOf = new java.util.HashMap<>();
            writers.forEach(w -> w.received().stream().filter(f -> f.has("request_id") && f.has("seq"))
                                  .forEach(f -> seqOf.put(f.get("data").get("id").asLong(), f.get("seq").asLong())));
            List<Long> missing = all.stream().filter(id -> !messageIds.contains(id)).map(seqOf::get).sorted().toList();
            assertThat(missing).as("positions of missing pushes (since " + since + ")").isEmpty();
            // Each once, nothing else.
            assertThat(messageIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            // In stream order: every push has a cursor of its own, each above the one before.
            long last = since;
            for (JsonNode push : pushes) {
                assertThat(push.get("seq").asLong()).isGreaterThan(last);
                last = push.get("seq").asLong();
            }
            // The unread count arrived once, when it first changed after since.
            assertThat(pushes.stream().filter(f -> "notifications.dialogs.count".equals(f.path("event").asText()))
                             .map(f -> f.get("data").asInt()).toList()).containsExactly(1, 2, 3, 4);
            back.close();
        } finally {
            writers.forEach(SocketClient::close);
            pool.shutdownNow();
        }
    }

    @Test
    void aBadSinceIsRefusedOnTheHandshake() {
        String token = Tokens.forUser(Tokens.newUserId());
        for (String since : List.of("-1", "abc", "1.5", "99999999999999999999")) {
            assertThat(SocketClient.handshakeStatus(URI.create("ws://localhost:" + port + "/ws/?token=" + token
                                                                       + "&since=" + since), Map.of()))
                    .as("since=" + since).isEqualTo(400);
        }
    }

    @Test
    void aPositionFromTheFutureResumesNothingAndGoesOnLive() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        connect(b).close();
        try (SocketClient alice = connect(a)) {
            long dialog = startDialog(a, b);
            long now = alice.hello().get("data").get("seq").asLong();
            try (SocketClient bob = SocketClient.connect(URI.create("ws://localhost:" + port + "/ws/?token="
                                                                            + Tokens.forUser(b) + "&since=" + now))) {
                long id = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "live"))
                               .get("data").get("id").asLong();
                assertThat(bob.awaitEvent("dialogs.messages.create").get("data").get("id").asLong()).isEqualTo(id);
            }
        }
    }
}
