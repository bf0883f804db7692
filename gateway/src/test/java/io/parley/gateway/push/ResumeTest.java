package io.parley.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
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

/** SPEC §6: a client that comes back with since=SEQ gets exactly what it missed, then goes on live. */
class ResumeTest extends ParleyTest {

    long startDialog(long... users) {
        List<Long> ids = new ArrayList<>();
        for (long u : users) {
            ids.add(u);
        }
        return Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", ids), Tokens.admin(Tokens.newUserId()))
                   .body().get("id").asLong();
    }

    /** Four writers, each posting {@code each} messages into its dialog with the reader, all at once. */
    static List<Future<?>> write(ExecutorService pool, List<SocketClient> writers, List<Long> dialogs, int each,
                                 Set<Long> ids, String tag) {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers.size(); w++) {
            SocketClient writer = writers.get(w);
            long dialog = dialogs.get(w);
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    JsonNode reply = writer.request("dialogs.messages.create",
                                                    Map.of("dialog_id", dialog, "body", tag + i));
                    ids.add(reply.get("data").get("id").asLong());
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
            List<Long> dialogs = new ArrayList<>();
            try (SocketClient first = connect(reader)) {
                writerIds.forEach(w -> dialogs.add(startDialog(reader, w)));
                // The client saw everything up to here: its last push, or its hello.
                since = first.request("ping").path("seq").asLong(first.hello().get("data").get("seq").asLong());
            }
            // Away: 1,000 messages from four concurrent writers.
            Set<Long> missed = ConcurrentHashMap.newKeySet();
            for (Future<?> f : write(pool, writers, dialogs, 250, missed, "away ")) {
                f.get();
            }
            // Back, while the writers go on.
            Set<Long> during = ConcurrentHashMap.newKeySet();
            SocketClient back = SocketClient.connect(URI.create("ws://localhost:" + port + "/ws/?token="
                                                                        + Tokens.forUser(reader) + "&since=" + since));
            List<Future<?>> writing = write(pool, writers, dialogs, 50, during, "back ");
            for (Future<?> f : writing) {
                f.get();
            }
            Set<Long> all = new java.util.HashSet<>(missed);
            all.addAll(during);
            assertThat(all).hasSize(1_200);
            // The last write's push closes the stream of what this client is owed (pushes come in order).
            long lastSeq = maxSeq(writers);
            // 1,200 events from four writers all move through one 2-core machine: a generous bound.
            back.await(f -> f.path("seq").asLong() >= lastSeq && "dialogs.messages.create".equals(f.path("event").asText()),
                       java.time.Duration.ofSeconds(90));
            List<JsonNode> pushes = back.received().stream().filter(f -> f.has("seq") && !f.has("request_id"))
                                        .filter(f -> !"hello".equals(f.path("event").asText())).toList();
            List<Long> messageIds = pushes.stream().filter(f -> "dialogs.messages.create".equals(f.get("event").asText()))
                                          .map(f -> f.get("data").get("id").asLong()).toList();
            Map<Long, Long> seqOf = new java.util.HashMap<>();
            writers.forEach(w -> w.received().stream().filter(f -> f.has("request_id") && f.has("seq"))
                                  .forEach(f -> seqOf.put(f.get("data").get("id").asLong(), f.get("seq").asLong())));
            List<Long> missing = all.stream().filter(id -> !messageIds.contains(id)).map(seqOf::get).sorted().toList();
            assertThat(missing).as("positions of missing pushes (since " + since + ")").isEmpty();
            // Each once, nothing else.
            assertThat(messageIds).hasSize(1_200).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
            // In stream order: seq never goes back (a message and its count push share one).
            long last = since;
            for (JsonNode push : pushes) {
                assertThat(push.get("seq").asLong()).isGreaterThanOrEqualTo(last);
                last = push.get("seq").asLong();
            }
            // The unread count arrived once, when it first changed after since.
            assertThat(pushes.stream().filter(f -> "notifications.dialogs.count".equals(f.get("event").asText()))
                             .map(f -> f.get("data").asInt()).toList()).containsExactly(1, 2, 3, 4);
            back.close();
        } finally {
            writers.forEach(SocketClient::close);
            pool.shutdownNow();
        }
    }

    /** The highest position any writer's reply reported. */
    static long maxSeq(List<SocketClient> writers) {
        return writers.stream().flatMap(w -> w.received().stream()).mapToLong(f -> f.path("seq").asLong(-1)).max()
                      .orElseThrow();
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
