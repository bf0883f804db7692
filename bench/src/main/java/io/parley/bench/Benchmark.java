package io.parley.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parley's benchmark: starts Parley (postgres profile) on a database of its own, drives it through its
 * public API with real websocket clients, prints a table against the goals and writes the figures as
 * JSON. {@code bench/run} runs it at full size; the tests run it small to check it measures what it says.
 * <p>
 * Figures ({@code --figures=a,b,...}): {@code insert, dialogs, fanout, resume, idle, replay} by default;
 * {@code nodes} (two nodes on one database: cross-node push latency, and figure 1's load on one node and
 * on two) only when asked for, as it adds about 6 minutes and two Parley processes of its own, e.g.
 * {@code --figures=nodes} alone.
 */
public final class Benchmark {

    /** What to run and how big; every field can be set as {@code --name=value}. */
    public static final class Options {
        String pg = "127.0.0.1:5432";
        String jar = "gateway/target/parley.jar";
        String heap = "2g";
        /** More options for Parley's JVM, space-separated (e.g. a JFR recording). */
        List<String> parleyJvm = List.of();
        String out = "bench/results/latest.json";
        /** The default set; "nodes" is opt-in (about 6 minutes more, on Parley processes of its own). */
        Set<String> figures = Set.of("insert", "dialogs", "fanout", "resume", "idle", "replay");
        int dialogs = 50;
        // Long enough for the JIT: under this load its threads take about a quarter of Parley's CPU for
        // about the first 70 s, and 1-5% after that (round 6, /proc per thread).
        int warmupSeconds = 90;
        int seconds = 30;
        int fanoutMembers = 1_000;
        int fanoutRepetitions = 50;
        int idleSockets = 10_000;
        long replayEvents = 1_000_000;
        int replayMinutes = 20;
        int resumeEvents = 10_000;
        int insertConnections = 16;
        int insertSeconds = 10;
        // The nodes figure: each of its two load phases (figure 1's load, --dialogs) has this warm-up and
        // window, shorter than figure 1's; then the paced cross-node latency load, at each rate in turn
        // (messages per second in all, from this many dialogs): settled this long, then measured. The goal
        // is checked at the first rate, a modest load; the second shows what a fuller machine adds.
        int nodesWarmupSeconds = 25;
        int nodesSeconds = 15;
        int nodesPairs = 20;
        List<Integer> nodesRates = List.of(20, 200);
        int nodesLatencySeconds = 20;
        int nodesLatencySettleSeconds = 60;
        boolean keepDatabase;
        /**
         * An Axon Server's gRPC address (host:port): Parley then runs in the {@code postgres,axonserver}
         * profiles against it, which must hold no events yet (each run needs an empty one).
         */
        String axonserver;
        /** Figure 1 also writes each measured message here: sent at (µs into the window), latency (µs), sender. */
        String latencyTrace;

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String[] kv = arg.replaceFirst("^--", "").split("=", 2);
                String v = kv.length > 1 ? kv[1] : "true";
                switch (kv[0]) {
                    case "pg" -> o.pg = v;
                    case "jar" -> o.jar = v;
                    case "heap" -> o.heap = v;
                    case "parley-jvm" -> o.parleyJvm = List.of(v.trim().split("\\s+"));
                    case "out" -> o.out = v;
                    case "figures" -> o.figures = Set.of(v.split(","));
                    case "dialogs" -> o.dialogs = Integer.parseInt(v);
                    case "warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
                    case "seconds" -> o.seconds = Integer.parseInt(v);
                    case "fanout-members" -> o.fanoutMembers = Integer.parseInt(v);
                    case "fanout-repetitions" -> o.fanoutRepetitions = Integer.parseInt(v);
                    case "idle-sockets" -> o.idleSockets = Integer.parseInt(v);
                    case "replay-events" -> o.replayEvents = Long.parseLong(v);
                    case "replay-minutes" -> o.replayMinutes = Integer.parseInt(v);
                    case "resume-events" -> o.resumeEvents = Integer.parseInt(v);
                    case "insert-connections" -> o.insertConnections = Integer.parseInt(v);
                    case "insert-seconds" -> o.insertSeconds = Integer.parseInt(v);
                    case "nodes-warmup-seconds" -> o.nodesWarmupSeconds = Integer.parseInt(v);
                    case "nodes-seconds" -> o.nodesSeconds = Integer.parseInt(v);
                    case "nodes-pairs" -> o.nodesPairs = Integer.parseInt(v);
                    case "nodes-rate" -> o.nodesRates = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                    case "nodes-latency-seconds" -> o.nodesLatencySeconds = Integer.parseInt(v);
                    case "nodes-latency-settle-seconds" -> o.nodesLatencySettleSeconds = Integer.parseInt(v);
                    case "keep-database" -> o.keepDatabase = Boolean.parseBoolean(v);
                    case "latency-trace" -> o.latencyTrace = v;
                    case "axonserver" -> o.axonserver = v;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (o.figures.contains("replay") && !o.figures.contains("dialogs")) {
                throw new IllegalArgumentException("the replay figure copies the dialog figure's messages: run both");
            }
            return o;
        }
    }

    /** Every figure of one run (null where a figure was not run). */
    public record Results(Instant date, InsertLimit.Result insert, DialogMessages.Result dialogs, FanOut.Result fanOut,
                          ResumeFigure.Result resume, IdleSockets.Result idle, ReplayFigure.Result replay,
                          NodesFigure.Result nodes) {
    }

    private Benchmark() {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        List<String> launch = new ArrayList<>(ParleyProcess.jar(Path.of(options.jar)));
        if (options.axonserver != null) {
            launch.addAll(List.of("--spring.profiles.active=postgres,axonserver",
                                  "--axon.axonserver.servers=" + options.axonserver));
        }
        Results results = run(options, launch);
        System.out.println(table(results));
        write(results, Path.of(options.out));
        System.out.println("written to " + options.out);
        System.exit(0);
    }

    static Results run(Options o, List<String> launch) {
        Path log = Path.of(o.out).toAbsolutePath().resolveSibling("parley.log");
        InsertLimit.Result insert = null;
        DialogMessages.Result dialogs = null;
        FanOut.Result fanOut = null;
        ResumeFigure.Result resume = null;
        IdleSockets.Result idle = null;
        ReplayFigure.Result replay = null;
        NodesFigure.Result nodes = null;
        if (o.figures.stream().anyMatch(ONE_NODE_FIGURES::contains)) {
            Database database = Database.create(o.pg);
            try {
                try (ParleyProcess parley = ParleyProcess.start(launch, database.url(), o.heap, o.parleyJvm, log)) {
                    say("Parley is up (pid " + parley.pid() + ", " + parley.http() + "), database " + database.name);
                    if (o.figures.contains("insert")) {
                        insert = InsertLimit.run(database, o.insertConnections, Duration.ofSeconds(o.insertSeconds));
                        say(String.format(Locale.ROOT, "insert: %.0f commits/s", insert.perSecond()));
                    }
                    if (o.figures.contains("dialogs")) {
                        dialogs = DialogMessages.run(parley, database, o.dialogs, Duration.ofSeconds(o.warmupSeconds),
                                                     Duration.ofSeconds(o.seconds),
                                                     o.latencyTrace == null ? null : Path.of(o.latencyTrace));
                        CpuTime.PerMessage cpu = dialogs.cpuPerMessage();
                        say(String.format(Locale.ROOT, "dialogs: %.0f messages/s, p99 %.1f ms; CPU per message: "
                                                       + "Parley %.2f ms, PostgreSQL %.2f ms, Axon Server %.2f ms, "
                                                       + "client %.2f ms",
                                          dialogs.perSecond(), dialogs.latency().p99(), cpu.parleyMs(),
                                          cpu.postgresMs(), cpu.axonServerMs(), cpu.clientMs()));
                        say(String.format(Locale.ROOT,
                                          "dialogs: emails queued %.0f/s, sent %.0f/s, unsent at the end %d",
                                          dialogs.emails().queuedPerSecond(), dialogs.emails().sentPerSecond(),
                                          dialogs.emails().unsentAtEnd()));
                    }
                    if (o.figures.contains("fanout")) {
                        fanOut = FanOut.run(parley, o.fanoutMembers, o.fanoutRepetitions);
                        say(String.format(Locale.ROOT, "fan-out: p50 %.1f ms, p99 %.1f ms", fanOut.lastDelivery().p50(),
                                          fanOut.lastDelivery().p99()));
                    }
                    if (o.figures.contains("resume")) {
                        resume = ResumeFigure.run(parley, o.resumeEvents);
                        say(String.format(Locale.ROOT, "resume: %.2f s", resume.seconds()));
                    }
                    if (o.figures.contains("idle")) {
                        idle = IdleSockets.run(parley, o.idleSockets);
                        say(String.format(Locale.ROOT, "idle: %.0f bytes per socket", idle.totalBytesPerSocket()));
                    }
                }
                if (o.figures.contains("replay")) {
                    int copies = ReplayFigure.seed(database, o.replayEvents);
                    say("replay: store seeded with " + copies + " copies of the dialog messages");
                    try (ParleyProcess parley = ParleyProcess.start(launch, database.url(), o.heap, o.parleyJvm, log)) {
                        replay = ReplayFigure.run(parley, database, Duration.ofMinutes(o.replayMinutes));
                        say(String.format(Locale.ROOT, "replay: %.0f events/s", replay.perSecond()));
                    }
                }
            } finally {
                if (!o.keepDatabase) {
                    database.close();
                }
            }
        }
        if (o.figures.contains("nodes")) {
            nodes = NodesFigure.run(launch, o.pg, o.heap, o.parleyJvm, log, new NodesFigure.Plan(
                    o.dialogs, Duration.ofSeconds(o.nodesWarmupSeconds), Duration.ofSeconds(o.nodesSeconds),
                    o.nodesPairs, o.nodesRates, Duration.ofSeconds(o.nodesLatencySeconds),
                    Duration.ofSeconds(o.nodesLatencySettleSeconds)), o.keepDatabase);
        }
        return new Results(Instant.now(), insert, dialogs, fanOut, resume, idle, replay, nodes);
    }

    /** The figures that run on the one Parley process run() starts (nodes starts its own). */
    private static final Set<String> ONE_NODE_FIGURES = Set.of("insert", "dialogs", "fanout", "resume", "idle",
                                                               "replay");

    static void say(String line) {
        System.out.println("[bench] " + line);
    }

    /** The figures against the goals of issue 7, as a Markdown table. */
    static String table(Results r) {
        List<String[]> rows = new ArrayList<>();
        if (r.dialogs() != null) {
            rows.add(row("dialog messages/s (" + r.dialogs().clients() + " clients)", r.dialogs().perSecond(), "%.0f",
                         ">= 3,000", r.dialogs().perSecond() >= 3_000));
            Percentiles l = r.dialogs().latency();
            rows.add(new String[]{"send → push latency p50/p95/p99/max",
                    String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f ms", l.p50(), l.p95(), l.p99(), l.max()),
                    "p99 <= 50 ms", mark(l.p99() <= 50)});
            CpuTime.PerMessage cpu = r.dialogs().cpuPerMessage();
            rows.add(cpu.axonServerMs() == 0
                     ? new String[]{"CPU per message: Parley / PostgreSQL / client",
                             String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms", cpu.parleyMs(), cpu.postgresMs(),
                                           cpu.clientMs()), "", ""}
                     : new String[]{"CPU per message: Parley / PostgreSQL / Axon Server / client",
                             String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f ms", cpu.parleyMs(),
                                           cpu.postgresMs(), cpu.axonServerMs(), cpu.clientMs()), "", ""});
            DialogMessages.Emails mails = r.dialogs().emails();
            rows.add(new String[]{"notification emails queued / sent per s, unsent at the end",
                    String.format(Locale.ROOT, "%.0f / %.0f, %d", mails.queuedPerSecond(), mails.sentPerSecond(),
                                  mails.unsentAtEnd()), "", ""});
        }
        if (r.insert() != null) {
            rows.add(row("raw insert+commit/s (" + r.insert().connections() + " connections)", r.insert().perSecond(),
                         "%.0f", "", null));
            if (r.dialogs() != null) {
                double ratio = r.dialogs().perSecond() / r.insert().perSecond();
                rows.add(row("dialog messages / raw inserts", ratio, "%.3f", ">= 0.25", ratio >= 0.25));
            }
        }
        if (r.fanOut() != null) {
            Percentiles f = r.fanOut().lastDelivery();
            rows.add(new String[]{"fan-out to " + r.fanOut().members() + " (last member) p50/p99",
                    String.format(Locale.ROOT, "%.1f / %.1f ms", f.p50(), f.p99()), "p99 <= 100 ms",
                    mark(f.p99() <= 100)});
        }
        if (r.idle() != null) {
            IdleSockets.Result i = r.idle();
            rows.add(new String[]{"idle socket (" + i.sockets() + "), heap + native",
                    String.format(Locale.ROOT, "%.1f + %.1f = %.1f KiB", i.heapBytesPerSocket() / 1024,
                                  i.nativeBytesPerSocket() / 1024, i.totalBytesPerSocket() / 1024),
                    "<= 32 KiB", mark(i.totalBytesPerSocket() <= 32 * 1024)});
        }
        if (r.replay() != null) {
            rows.add(row("replay of " + r.replay().events() + " events, events/s"
                                 + (r.replay().finished() ? "" : " (stopped after " + r.replay().replayed() + ")"),
                         r.replay().perSecond(), "%.0f", ">= 50,000", r.replay().perSecond() >= 50_000));
        }
        if (r.resume() != null) {
            rows.add(row("resume of " + r.resume().missed() + " missed events, s", r.resume().seconds(), "%.2f", "<= 1 s",
                         r.resume().seconds() <= 1));
        }
        if (r.nodes() != null) {
            NodesFigure.Result n = r.nodes();
            for (NodesFigure.Latency c : n.crossNode()) {
                Percentiles l = c.all();
                boolean goal = c == n.crossNode().get(0);
                rows.add(new String[]{"cross-node push latency p50/p95/p99/max (" + c.pairs() + " pairs, "
                        + c.rate() + " messages/s paced, " + String.format(Locale.ROOT, "%.0f", c.settleSeconds())
                        + " s settled)",
                        String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f ms", l.p50(), l.p95(), l.p99(), l.max()),
                        goal ? "p99 <= 20 ms" : "", goal ? mark(l.p99() <= 20) : ""});
                rows.add(new String[]{"cross-node p50/p99 at " + c.rate() + " messages/s: node 1 → 2 / node 2 → 1 "
                        + "(node 1 runs the read models)",
                        String.format(Locale.ROOT, "%.1f/%.1f / %.1f/%.1f ms", c.firstToSecond().p50(),
                                      c.firstToSecond().p99(), c.secondToFirst().p50(), c.secondToFirst().p99()),
                        "", ""});
            }
            String windows = String.format(Locale.ROOT, "%.0f s warm-up, %.0f s window", n.warmupSeconds(),
                                           n.oneNode().seconds());
            rows.add(row("dialog messages/s, one node (" + n.oneNode().clients() + " clients; " + windows + ")",
                         n.oneNode().perSecond(), "%.0f", "", null));
            rows.add(row("dialog messages/s, two nodes (each dialog across both; " + windows + ")",
                         n.twoNodes().perSecond(), "%.0f", "", null));
            rows.add(row("two nodes / one node", n.twoToOne(), "%.2f", "", null));
        }
        StringBuilder out = new StringBuilder("| figure | measured | goal | met |\n|---|---|---|---|\n");
        for (String[] cells : rows) {
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }

    private static String[] row(String name, double value, String format, String goal, Boolean met) {
        return new String[]{name, String.format(Locale.ROOT, format, value), goal, met == null ? "" : mark(met)};
    }

    private static String mark(boolean met) {
        return met ? "yes" : "**no**";
    }

    static void write(Results r, Path out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", r.date().toString());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("memory_bytes", ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize());
        json.put("machine", machine);
        // The figures' records as they are, their fields in snake case; durations of percentiles in ms.
        json.put("insert", r.insert());
        json.put("dialogs", r.dialogs());
        json.put("fan_out", r.fanOut());
        json.put("resume", r.resume());
        json.put("idle_sockets", r.idle());
        json.put("replay", r.replay());
        json.put("nodes", r.nodes());
        if (r.insert() != null && r.dialogs() != null) {
            json.put("dialogs_to_insert_ratio", r.dialogs().perSecond() / r.insert().perSecond());
        }
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            WsClient.JSON.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                         .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                         .writer(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
