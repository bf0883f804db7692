package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 1: pairs of users in dialogs, each sending its next message as soon as the reply to the
 * previous one arrived. Throughput counts replies inside the measured window; latency is from the
 * send to the partner's push of that message. Every message must reach the partner exactly once.
 */
final class DialogMessages {

    record Result(int clients, double seconds, long messages, double perSecond, Percentiles latency, long sent,
                  long pushed, long lost, long duplicated, long refused) {
    }

    private DialogMessages() {
    }

    static Result run(ParleyProcess parley, int dialogs, Duration warmup, Duration measured) {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong windowStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);

        long[] ids = Users.next(dialogs * 2);
        List<WsClient> clients = Users.connect(parley.ws(), ids, 16, id -> (frame, arrived) -> {
            if (!"dialogs.messages.create".equals(frame.path("event").asText())) {
                return;
            }
            String body = frame.path("data").path("body").asText();
            received.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
            Long sent = sentAt.get(body);
            if (sent != null && sent >= windowStart.get() && sent < windowEnd.get()) {
                latencies.add(arrived - sent);
            }
        });
        long[] dialogIds = new long[dialogs];
        for (int d = 0; d < dialogs; d++) {
            dialogIds[d] = Http.post(parley.http() + "/api/admin/dialogs",
                                     Map.of("user_ids", List.of(ids[2 * d], ids[2 * d + 1]))).get("id").asLong();
        }

        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong repliesInWindow = new AtomicLong();
        AtomicLong sentCount = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        for (int c = 0; c < clients.size(); c++) {
            sendNext(clients.get(c), dialogIds[c / 2], new AtomicLong(), sentAt, sending, repliesInWindow,
                     windowStart, windowEnd, sentCount, refused, inFlight);
        }
        ParleyProcess.sleep(warmup.toMillis());
        long start = System.nanoTime();
        windowStart.set(start);
        ParleyProcess.sleep(measured.toMillis());
        long end = System.nanoTime();
        windowEnd.set(end);
        sending.set(false);

        // Drain: every reply and every push of what was sent.
        long drainUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < drainUntil && (inFlight.get() > 0 || pushedTotal(received) < sentCount.get())) {
            ParleyProcess.sleep(20);
        }
        Users.closeAll(clients);

        long pushed = pushedTotal(received);
        long duplicated = received.values().stream().filter(n -> n.get() > 1).count();
        long lost = sentAt.keySet().stream().filter(body -> !received.containsKey(body)).count();
        double seconds = (end - start) / 1e9;
        long[] window;
        synchronized (latencies) {
            window = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        return new Result(clients.size(), seconds, repliesInWindow.get(), repliesInWindow.get() / seconds,
                          Percentiles.of(window), sentCount.get(), pushed, lost, duplicated, refused.get());
    }

    private static long pushedTotal(Map<String, AtomicInteger> received) {
        return received.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    private static void sendNext(WsClient client, long dialogId, AtomicLong counter, Map<String, Long> sentAt,
                                 AtomicBoolean sending, AtomicLong repliesInWindow, AtomicLong windowStart,
                                 AtomicLong windowEnd, AtomicLong sentCount, AtomicLong refused, AtomicInteger inFlight) {
        if (!sending.get() || client.isClosed()) {
            return;
        }
        String body = "m " + client.userId() + " " + counter.incrementAndGet();
        sentAt.put(body, System.nanoTime());
        sentCount.incrementAndGet();
        inFlight.incrementAndGet();
        client.request("dialogs.messages.create", Map.of("dialog_id", dialogId, "body", body))
              .whenComplete((JsonNode reply, Throwable error) -> {
                  inFlight.decrementAndGet();
                  long now = System.nanoTime();
                  if (error != null) {
                      // A refusal is counted and ends this client's loop: the figure is about accepted messages.
                      refused.incrementAndGet();
                      sentAt.remove(body);
                      sentCount.decrementAndGet();
                      return;
                  }
                  if (now >= windowStart.get() && now < windowEnd.get()) {
                      repliesInWindow.incrementAndGet();
                  }
                  sendNext(client, dialogId, counter, sentAt, sending, repliesInWindow, windowStart, windowEnd,
                           sentCount, refused, inFlight);
              });
    }
}
