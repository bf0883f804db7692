package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark, run small against a real Parley process: it must measure what it says. Every message
 * it counts reached its recipient once, every fan-out reached every member once, the resume delivered
 * every missed event in order, the replay rebuilt every stored message, every message of the nodes
 * figure crossed from one node to the other once. No timing is asserted.
 */
class BenchmarkTest {

    static Benchmark.Results results;
    static Path out;

    @BeforeAll
    static void runSmall() throws Exception {
        out = Files.createTempDirectory("parley-bench-").resolve("latest.json");
        Benchmark.Options options = Benchmark.Options.parse(new String[]{
                "--pg=" + System.getProperty("parley.test.pg", "127.0.0.1:5432"),
                "--out=" + out, "--heap=512m",
                // Every figure, the opt-in one too.
                "--figures=insert,dialogs,fanout,resume,idle,replay,nodes",
                "--dialogs=3", "--warmup-seconds=1", "--seconds=3",
                "--fanout-members=30", "--fanout-repetitions=3",
                "--idle-sockets=40", "--resume-events=300", "--replay-events=5000",
                "--insert-connections=4", "--insert-seconds=1",
                "--nodes-warmup-seconds=1", "--nodes-seconds=2", "--nodes-pairs=4", "--nodes-rate=40,60",
                "--nodes-latency-seconds=2", "--nodes-latency-settle-seconds=1",
                "--latency-trace=" + out.resolveSibling("latency.txt")});
        results = Benchmark.run(options, ParleyProcess.classpath(System.getProperty("java.class.path")));
        Benchmark.write(results, out);
    }

    @Test
    void everyDialogMessageCountedReachedItsRecipientOnce() throws Exception {
        DialogMessages.Result d = results.dialogs();
        assertEveryMessageReachedItsRecipientOnce(d);
        // Latencies are those of messages sent inside the window, each pushed once.
        assertThat(d.latency().count()).isPositive().isLessThanOrEqualTo((int) d.sent());
        assertThat(d.latency().p50()).isLessThanOrEqualTo(d.latency().p99());
        // The trace has a line for each of those latencies, from one of the 6 clients.
        List<String> trace = Files.readAllLines(out.resolveSibling("latency.txt"));
        assertThat(trace).hasSize(d.latency().count());
        assertThat(trace).allSatisfy(line -> assertThat(line).matches("\\d+ \\d+ \\d+"));
        assertThat(trace.stream().map(line -> line.split(" ")[2]).distinct().count()).isBetween(1L, 6L);
        // The CPU reading spans the measured window, in which Parley and PostgreSQL worked on the messages.
        assertThat(d.cpuPerMessage().parleyMs()).isPositive();
        assertThat(d.cpuPerMessage().postgresMs()).isPositive();
        // Each message mails its partner: the window queued mails, and the sender sent some of them.
        assertThat(d.emails().queuedPerSecond()).isPositive();
        assertThat(d.emails().sentPerSecond()).isPositive();
        assertThat(d.emails().unsentAtEnd()).isNotNegative();
    }

    @Test
    void everyMemberGotEveryFanOutOnce() {
        FanOut.Result f = results.fanOut();
        assertThat(f.members()).isEqualTo(30);
        assertThat(f.lastDelivery().count()).isEqualTo(3);
        assertThat(f.missing()).isZero();
        assertThat(f.duplicated()).isZero();
    }

    @Test
    void theResumeDeliveredEveryMissedEventInOrder() {
        ResumeFigure.Result r = results.resume();
        assertThat(r.received()).isEqualTo(300);
        assertThat(r.inOrder()).isTrue();
        assertThat(r.seconds()).isPositive();
    }

    @Test
    void theIdleSocketsWereAllOpenOnTheNode() {
        IdleSockets.Result i = results.idle();
        assertThat(i.serverOpen()).isEqualTo(40);
    }

    @Test
    void theReplayRebuiltEveryStoredMessage() {
        ReplayFigure.Result r = results.replay();
        assertThat(r.events()).isGreaterThanOrEqualTo(5_000);
        assertThat(r.finished()).isTrue();
        assertThat(r.messagesRebuilt()).isEqualTo(r.messagesStored());
        // The copies are in the store: far more messages than the dialog figure sent.
        assertThat(r.messagesStored()).isGreaterThan(results.dialogs().sent());
    }

    @Test
    void theInsertLimitCountsStoredRows() {
        assertThat(results.insert().rows()).isPositive();
        assertThat(results.insert().connections()).isEqualTo(4);
    }

    @Test
    void everyMessageOfTheNodesFigureCrossedToTheOtherNodeOnce() {
        assertThat(results.nodes().crossNode()).extracting(NodesFigure.Latency::rate).containsExactly(40, 60);
        for (NodesFigure.Latency c : results.nodes().crossNode()) {
            assertEveryMessageCrossedOnce(c);
        }
    }

    private static void assertEveryMessageCrossedOnce(NodesFigure.Latency c) {
        assertThat(c.pairs()).isEqualTo(4);
        assertThat(c.refused()).isZero();
        assertThat(c.lost()).isZero();
        assertThat(c.duplicated()).isZero();
        assertThat(c.pushed()).isEqualTo(c.sent());
        // Both directions were measured, and the latencies are those of messages sent inside the window.
        assertThat(c.firstToSecond().count()).isPositive();
        assertThat(c.secondToFirst().count()).isPositive();
        assertThat(c.all().count()).isEqualTo(c.firstToSecond().count() + c.secondToFirst().count())
                                   .isLessThanOrEqualTo((int) c.sent());
        assertThat(c.all().p50()).isPositive().isLessThanOrEqualTo(c.all().p95());
        assertThat(c.all().p95()).isLessThanOrEqualTo(c.all().p99());
        assertThat(c.all().p99()).isLessThanOrEqualTo(c.all().max());
        assertThat(c.perSecond()).isPositive();
    }

    @Test
    void theNodesFigureCountedTheDialogLoadOnOneNodeAndOnTwo() {
        NodesFigure.Result n = results.nodes();
        assertThat(n.oneNode().nodes()).isEqualTo(1);
        assertThat(n.twoNodes().nodes()).isEqualTo(2);
        for (DialogMessages.Result d : List.of(n.oneNode(), n.twoNodes())) {
            assertEveryMessageReachedItsRecipientOnce(d);
            assertThat(d.cpuPerMessage().parleyMs()).isPositive();
        }
        assertThat(n.twoToOne()).isPositive().isEqualTo(n.twoNodes().perSecond() / n.oneNode().perSecond());
    }

    @Test
    void theTableAndTheJsonHoldEveryFigure() throws Exception {
        String table = Benchmark.table(results);
        assertThat(table).contains("dialog messages/s", "fan-out to 30", "idle socket (40)", "replay of",
                                   "resume of 300", "raw insert+commit/s", "dialog messages / raw inserts",
                                   "cross-node push latency", "dialog messages/s, two nodes", "two nodes / one node");
        JsonNode json = WsClient.JSON.readTree(out.toFile());
        for (String key : new String[]{"insert", "dialogs", "fan_out", "resume", "idle_sockets", "replay",
                "dialogs_to_insert_ratio", "machine", "nodes"}) {
            assertThat(json.get(key)).as(key).isNotNull();
            assertThat(json.get(key).isNull()).as(key).isFalse();
        }
        assertThat(json.at("/dialogs/sent").asLong()).isEqualTo(results.dialogs().sent());
        assertThat(json.at("/nodes/cross_node/1/sent").asLong()).isEqualTo(results.nodes().crossNode().get(1).sent());
        assertThat(json.at("/nodes/two_to_one").asDouble()).isEqualTo(results.nodes().twoToOne());
    }

    /** The dialog load's six clients posted, nothing was refused, and every message was pushed exactly once. */
    private static void assertEveryMessageReachedItsRecipientOnce(DialogMessages.Result d) {
        assertThat(d.clients()).isEqualTo(6);
        assertThat(d.messages()).isPositive();
        assertThat(d.refused()).isZero();
        assertThat(d.lost()).isZero();
        assertThat(d.duplicated()).isZero();
        assertThat(d.pushed()).isEqualTo(d.sent());
    }
}
