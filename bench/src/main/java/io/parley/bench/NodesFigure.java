package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The nodes figure: Parley on two nodes of one PostgreSQL database, which wake each other's store readers
 * with {@code LISTEN/NOTIFY}. On a database of its own, so that it is the same figure alone or after the
 * others:
 * <ol>
 * <li>figure 1's load (its 100 clients, {@link DialogMessages}) on the first node alone;</li>
 * <li>the second node is started (the first has run the migrations by then) and the same load runs again,
 * each dialog with one user on either node, so that every message crosses from one node to the other:
 * messages/s of two nodes against one;</li>
 * <li>cross-node push latency under paced loads (not saturation), at each of the plan's rates in turn:
 * {@code pairs} dialogs, each with its sender on one node and its recipient on the other (half of them
 * from the first node to the second, half back), that many messages a second in all, sent in turn at a
 * fixed rate whether or not the earlier ones were answered, so a slow push does not slow down the load
 * that measures it. Latency is from the send to the recipient's {@code dialogs.messages.create} push. The
 * nodes are warm from the load phases, but a path taken once a message (one command, one projections
 * batch, one push read per message at a modest rate) reaches the JIT's last tier only after a minute or
 * more of it: each rate runs {@code latencySettle} before its window.</li>
 * </ol>
 * The load windows are shorter than figure 1's (whose 90 s warm-up is for the JIT); the first node is
 * warmer than the second when the two measure together.
 */
final class NodesFigure {

    /** How big: figure 1's dialogs, each load phase's warm-up and window, and the paced latency load. */
    record Plan(int dialogs, Duration warmup, Duration measured, int pairs, List<Integer> rates,
                Duration latencyMeasured, Duration latencySettle) {
    }

    /**
     * Both figures: the cross-node latency at each rate of the plan, in its order. {@code twoToOne}:
     * messages/s of the two-node load over the one-node load; the one-node load ran while the second node
     * was not started yet.
     */
    record Result(List<Latency> crossNode, double warmupSeconds, DialogMessages.Result oneNode,
                  DialogMessages.Result twoNodes, double twoToOne) {
    }

    /**
     * Send to push on the other node, for the messages sent inside the window: all of them, and by
     * direction (the first node runs the read models). Every message sent must reach its recipient once.
     * {@code rate}: the messages/s the load was paced at; {@code perSecond}: those sent in the window.
     */
    record Latency(int rate, int pairs, double perSecond, double settleSeconds, double seconds, Percentiles all,
                   Percentiles firstToSecond, Percentiles secondToFirst, long sent, long pushed, long lost,
                   long duplicated, long refused) {
    }

    private NodesFigure() {
    }

    static Result run(List<String> launch, String pg, String heap, List<String> jvmOptions, Path log, Plan plan,
                      boolean keepDatabase) {
        Database database = Database.create(pg);
        try (ParleyProcess first = ParleyProcess.start(launch, database.url(), heap, jvmOptions,
                                                       log.resolveSibling("parley-node1.log"))) {
            Benchmark.say("nodes: first node up (pid " + first.pid() + "), database " + database.name);
            DialogMessages.Result one = DialogMessages.run(List.of(first), database, plan.dialogs(), plan.warmup(),
                                                           plan.measured(), null);
            say("one node", one);
            // Started only now: ParleyProcess.start returns once the first node answers, after its migrations.
            try (ParleyProcess second = ParleyProcess.start(launch, database.url(), heap, jvmOptions,
                                                            log.resolveSibling("parley-node2.log"))) {
                Benchmark.say("nodes: second node up (pid " + second.pid() + ")");
                DialogMessages.Result two = DialogMessages.run(List.of(first, second), database, plan.dialogs(),
                                                               plan.warmup(), plan.measured(), null);
                say("two nodes", two);
                List<Latency> latencies = new ArrayList<>();
                for (int rate : plan.rates()) {
                    latencies.add(latency(first, second, plan, rate));
                }
                return new Result(latencies, plan.warmup().toSeconds(), one, two, two.perSecond() / one.perSecond());
            }
        } finally {
            if (!keepDatabase) {
                database.close();
            }
        }
    }

    private static void say(String what, DialogMessages.Result load) {
        Benchmark.say(String.format(Locale.ROOT, "nodes: %s %.0f messages/s, p99 %.1f ms, lost %d, duplicated %d; "
                                                 + "emails queued %.0f/s, sent %.0f/s, unsent at the end %d", what,
                                    load.perSecond(), load.latency().p99(), load.lost(), load.duplicated(),
                                    load.emails().queuedPerSecond(), load.emails().sentPerSecond(),
                                    load.emails().unsentAtEnd()));
    }

    private static Latency latency(ParleyProcess first, ParleyProcess second, Plan plan, int perSecond) {
        int pairs = plan.pairs();
        Pushes pushes = new Pushes();
        long[] ids = Users.next(pairs * 2);
        // Pair p: its sender ids[2p], its recipient ids[2p+1]. Even pairs send from the first node to the
        // second, odd pairs from the second to the first.
        List<ParleyProcess> nodes = List.of(first, second);
        List<WsClient> clients = Users.connect(i -> nodes.get((i / 2 + i % 2) % 2).ws(), ids, 16,
                                               id -> pushes::onPush);
        long[] dialogIds = new long[pairs];
        for (int p = 0; p < pairs; p++) {
            dialogIds[p] = Http.post(first.http() + "/api/admin/dialogs",
                                     Map.of("user_ids", List.of(ids[2 * p], ids[2 * p + 1]))).get("id").asLong();
        }

        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long start;
        long end;
        try {
            AtomicLong turn = new AtomicLong();
            pacer.scheduleAtFixedRate(() -> {
                long n = turn.getAndIncrement();
                int p = (int) (n % pairs);
                pushes.send(clients.get(2 * p), dialogIds[p], "x " + p + " " + n);
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
            ParleyProcess.sleep(plan.latencySettle().toMillis());
            // As figure 1: the client collects outside the window, then the load settles again.
            System.gc();
            ParleyProcess.sleep(2_000);
            start = System.nanoTime();
            pushes.windowStart = start;
            ParleyProcess.sleep(plan.latencyMeasured().toMillis());
            end = System.nanoTime();
            pushes.windowEnd = end;
        } finally {
            pacer.shutdownNow();
        }

        // Drain: every reply and every push of what was sent. A push can come before its sender's reply
        // (a node without the read models answers once it has seen them, polling), and a socket closed
        // before the reply would count an accepted message as refused.
        pushes.drain(Duration.ofSeconds(30));
        Users.closeAll(clients);

        long duplicated = pushes.duplicated();
        long lost = pushes.lost();
        double seconds = (end - start) / 1e9;
        long[] firstToSecond = pushes.firstToSecond();
        long[] secondToFirst = pushes.secondToFirst();
        long[] all = new long[firstToSecond.length + secondToFirst.length];
        System.arraycopy(firstToSecond, 0, all, 0, firstToSecond.length);
        System.arraycopy(secondToFirst, 0, all, firstToSecond.length, secondToFirst.length);
        Latency latency = new Latency(perSecond, pairs, pushes.sentInWindow.get() / seconds,
                                      plan.latencySettle().toSeconds(), seconds, Percentiles.of(all),
                                      Percentiles.of(firstToSecond), Percentiles.of(secondToFirst),
                                      pushes.sentAt.size(), pushes.pushed(), lost, duplicated, pushes.refused.get());
        Benchmark.say(String.format(Locale.ROOT, "nodes: cross-node push at %d messages/s: p99 %.1f ms; sent %d, "
                                                 + "pushed %d, lost %d, duplicated %d, refused %d", perSecond,
                                    latency.all().p99(), latency.sent(), latency.pushed(), latency.lost(),
                                    latency.duplicated(), latency.refused()));
        return latency;
    }

    /** The paced load's messages: when each was sent, who got it, and the latencies of the window. */
    private static final class Pushes extends MessageTally {

        /** Latencies of the window, by the sender's pair: even pairs send from the first node. */
        final List<Long> fromFirst = Collections.synchronizedList(new ArrayList<>());
        final List<Long> fromSecond = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong sentInWindow = new AtomicLong();

        void send(WsClient sender, long dialogId, String body) {
            if (sender.isClosed()) {
                return;
            }
            long now = System.nanoTime();
            sentAt.put(body, now);
            if (now >= windowStart && now < windowEnd) {
                sentInWindow.incrementAndGet();
            }
            inFlight.incrementAndGet();
            sender.request("dialogs.messages.create", Map.of("dialog_id", dialogId, "body", body))
                  .whenComplete((JsonNode reply, Throwable error) -> {
                      inFlight.decrementAndGet();
                      if (error != null) {
                          refused.incrementAndGet();
                          sentAt.remove(body);
                      }
                  });
        }

        /** Bodies are "x PAIR N": even pairs send from the first node. */
        @Override
        void measured(String body, long sent, long latency) {
            int pair = Integer.parseInt(body.split(" ")[1]);
            (pair % 2 == 0 ? fromFirst : fromSecond).add(latency);
        }

        long[] firstToSecond() {
            synchronized (fromFirst) {
                return fromFirst.stream().mapToLong(Long::longValue).toArray();
            }
        }

        long[] secondToFirst() {
            synchronized (fromSecond) {
                return fromSecond.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }
}
