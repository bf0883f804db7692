package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 1: pairs of users in dialogs, each sending its next message as soon as the reply to the
 * previous one arrived. Throughput counts replies inside the measured window; latency is from the
 * send to the partner's push of that message. Every message must reach the partner exactly once.
 * With several nodes (the nodes figure) the clients take turns: on two, each dialog has one user on
 * either node, so every message crosses from one node to the other.
 */
final class DialogMessages {

    record Result(int clients, int nodes, double seconds, long messages, double perSecond, Percentiles latency,
                  long sent, long pushed, long lost, long duplicated, long refused, CpuTime.PerMessage cpuPerMessage,
                  Emails emails) {
    }

    /**
     * The notification mails of the window (every message mails its partner): queued and sent per second,
     * and how many were still unsent at the window's end. A sender that keeps up sends about as many as
     * are queued; the messages/s figure is only sustained if it does.
     */
    record Emails(double queuedPerSecond, double sentPerSecond, long unsentAtEnd) {
    }

    /** Mails queued and sent so far, read from Parley's outbox table. */
    private record MailCount(long queued, long sent) {

        static MailCount of(Database database) {
            return new MailCount(database.count("SELECT count(*) FROM email_outbox"),
                                 database.count("SELECT count(*) FROM email_outbox WHERE status = 'sent'"));
        }
    }

    private DialogMessages() {
    }

    /** @param trace where to write each measured message's latency, or null */
    static Result run(ParleyProcess parley, Database database, int dialogs, Duration warmup, Duration measured,
                      Path trace) {
        return run(List.of(parley), database, dialogs, warmup, measured, trace);
    }

    /** The same load over these nodes of one database: client {@code i} on node {@code i % nodes}. */
    static Result run(List<ParleyProcess> nodes, Database database, int dialogs, Duration warmup, Duration measured,
                      Path trace) {
        ParleyProcess first = nodes.get(0);
        Load load = new Load();
        load.tracing = trace != null;
        long[] ids = Users.next(dialogs * 2);
        List<WsClient> clients = Users.connect(i -> nodes.get(i % nodes.size()).ws(), ids, 16, id -> load::onPush);
        long[] dialogIds = new long[dialogs];
        for (int d = 0; d < dialogs; d++) {
            dialogIds[d] = Http.post(first.http() + "/api/admin/dialogs",
                                     Map.of("user_ids", List.of(ids[2 * d], ids[2 * d + 1]))).get("id").asLong();
        }

        for (int c = 0; c < clients.size(); c++) {
            load.sendNext(clients.get(c), dialogIds[c / 2], new AtomicLong());
        }
        ParleyProcess.sleep(warmup.toMillis());
        // The client's own collections stop its reading threads and would count as Parley's latency: it
        // collects now, outside the window, and its young generation (bench/run) lasts longer than that.
        // The loop then settles for 2 s: the collection held every client up for a few hundred ms.
        System.gc();
        ParleyProcess.sleep(2_000);
        MailCount mailsBefore = MailCount.of(database);
        long[] pids = nodes.stream().mapToLong(ParleyProcess::pid).toArray();
        CpuTime cpuBefore = CpuTime.now(pids);
        long start = System.nanoTime();
        load.windowStart = start;
        ParleyProcess.sleep(measured.toMillis());
        long end = System.nanoTime();
        load.windowEnd = end;
        CpuTime cpuAfter = CpuTime.now(pids);
        MailCount mailsAfter = MailCount.of(database);
        long unsentAtEnd = database.count("SELECT count(*) FROM email_outbox WHERE status <> 'sent'");
        load.sending = false;

        // Drain: every reply and every push of what was sent.
        load.drain(Duration.ofSeconds(60));
        Users.closeAll(clients);
        if (trace != null) {
            load.writeTrace(trace);
        }

        long duplicated = load.duplicated();
        long lost = load.lost();
        double seconds = (end - start) / 1e9;
        long[] window;
        synchronized (load.latencies) {
            window = load.latencies.stream().mapToLong(Long::longValue).toArray();
        }
        long messages = load.repliesInWindow.get();
        return new Result(clients.size(), nodes.size(), seconds, messages, messages / seconds, Percentiles.of(window),
                          load.sentAt.size(), load.pushed(), lost, duplicated, load.refused.get(),
                          cpuBefore.perMessage(cpuAfter, messages),
                          new Emails((mailsAfter.queued() - mailsBefore.queued()) / seconds,
                                     (mailsAfter.sent() - mailsBefore.sent()) / seconds,
                                     unsentAtEnd));
    }

    /** What all clients of one run share: every message accepted, when it was sent, and who got it. */
    private static final class Load extends MessageTally {

        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        /** With a trace: sent (ns into the window), latency (ns) and sender of each measured message. */
        final List<long[]> traced = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean tracing;
        final AtomicLong repliesInWindow = new AtomicLong();
        volatile boolean sending = true;

        @Override
        void measured(String body, long sent, long latency) {
            latencies.add(latency);
            if (tracing) {
                traced.add(new long[]{sent - windowStart, latency, Long.parseLong(body.split(" ")[1])});
            }
        }

        /** One line a message, in the order they arrived: where a run's slow messages fall in time. */
        void writeTrace(Path file) {
            StringBuilder text = new StringBuilder();
            synchronized (traced) {
                for (long[] t : traced) {
                    text.append(t[0] / 1_000).append(' ').append(t[1] / 1_000).append(' ').append(t[2]).append('\n');
                }
            }
            try {
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }


        void sendNext(WsClient client, long dialogId, AtomicLong counter) {
            if (!sending || client.isClosed()) {
                return;
            }
            String body = "m " + client.userId() + " " + counter.incrementAndGet();
            sentAt.put(body, System.nanoTime());
            inFlight.incrementAndGet();
            client.request("dialogs.messages.create", Map.of("dialog_id", dialogId, "body", body))
                  .whenComplete((JsonNode reply, Throwable error) -> {
                      inFlight.decrementAndGet();
                      long now = System.nanoTime();
                      if (error != null) {
                          // A refusal is counted and ends this client's loop: the figure is about accepted messages.
                          refused.incrementAndGet();
                          sentAt.remove(body);
                          return;
                      }
                      if (now >= windowStart && now < windowEnd) {
                          repliesInWindow.incrementAndGet();
                      }
                      sendNext(client, dialogId, counter);
                  });
        }
    }
}
