package io.parley.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 2: a server whose members are all connected; one member posts in a channel, and the figure
 * is the time from the send until the last other member has its {@code message_created}.
 */
final class FanOut {

    record Result(int members, int repetitions, Percentiles lastDelivery, long missing, long duplicated) {
    }

    /** Untimed first posts: after 5, the JIT still made the first timed ones the slowest of all. */
    static final int WARMUP = 20;

    private FanOut() {
    }

    static Result run(ParleyProcess parley, int members, int repetitions) {
        long[] ids = Users.next(members);
        // Per text, how many members got it and when the latest did.
        Map<String, java.util.Set<Long>> got = new ConcurrentHashMap<>();
        Map<String, AtomicLong> latest = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> done = new ConcurrentHashMap<>();
        AtomicLong duplicated = new AtomicLong();

        WsClient poster = WsClient.open(parley.ws(), ids[0], (f, t) -> { });
        long serverId = poster.call("servers.create", Map.of("name", "fan-out")).get("data").get("id").asLong();
        long channelId = poster.call("channels.create", Map.of("server_id", serverId, "name", "general"))
                               .get("data").get("id").asLong();
        String code = poster.call("servers.invites.create", Map.of("server_id", serverId))
                            .get("data").get("code").asText();

        // Members join with a short-lived socket each, so the joins' pushes do not swamp the setup.
        long[] others = java.util.Arrays.copyOfRange(ids, 1, ids.length);
        for (int from = 0; from < others.length; from += 100) {
            List<WsClient> joining = Users.connect(parley.ws(), java.util.Arrays.copyOfRange(
                    others, from, Math.min(others.length, from + 100)), 16, id -> (f, t) -> { });
            joining.parallelStream().forEach(c -> c.call("servers.join", Map.of("code", code)));
            Users.closeAll(joining);
        }

        List<WsClient> listening = Users.connect(parley.ws(), others, 16, id -> (frame, arrived) -> {
            if (!"message_created".equals(frame.path("name").asText())) {
                return;
            }
            String text = frame.path("data").path("text").asText();
            CountDownLatch latch = done.get(text);
            if (latch == null) {
                return;
            }
            if (!got.get(text).add(id)) {
                duplicated.incrementAndGet();
                return;
            }
            latest.get(text).accumulateAndGet(arrived, Math::max);
            latch.countDown();
        });

        long[] figures = new long[repetitions];
        long missing = 0;
        System.gc(); // as in figure 1: the client's collections are not Parley's latency

        // The first posts warm the code paths up (as figure 1's warm-up does); they are checked, not timed.
        for (int r = -WARMUP; r < repetitions; r++) {
            String text = "fan " + r;
            got.put(text, ConcurrentHashMap.newKeySet());
            latest.put(text, new AtomicLong());
            CountDownLatch latch = new CountDownLatch(others.length);
            done.put(text, latch);
            long sent = System.nanoTime();
            poster.call("channels.messages.create", Map.of("channel_id", channelId, "text", text));
            try {
                if (!latch.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
                    missing += latch.getCount();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (r >= 0) {
                figures[r] = latest.get(text).get() - sent;
            }
        }
        // A late duplicate would show up here.
        ParleyProcess.sleep(200);
        Users.closeAll(listening);
        poster.close();
        return new Result(members, repetitions, Percentiles.of(figures), missing, duplicated.get());
    }
}
