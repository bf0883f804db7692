package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dialog load's messages, each with a body of its own: when each was sent, how often its
 * {@code dialogs.messages.create} push arrived, and the latency of those sent inside the window, which the
 * load keeps as it needs ({@link #measured}).
 */
abstract class MessageTally {

    /** Accepted messages (a refused one is taken out) by body, with the nanoTime they were sent at. */
    final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final AtomicLong refused = new AtomicLong();
    final AtomicInteger inFlight = new AtomicInteger();
    volatile long windowStart = Long.MAX_VALUE;
    volatile long windowEnd = Long.MAX_VALUE;

    /** A message sent inside the window reached its recipient {@code latency} ns after it was sent. */
    abstract void measured(String body, long sent, long latency);

    final void onPush(JsonNode frame, long arrived) {
        if (!"dialogs.messages.create".equals(frame.path("event").asText())) {
            return;
        }
        String body = frame.path("data").path("markdown_body").asText();
        received.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
        Long sent = sentAt.get(body);
        if (sent != null && sent >= windowStart && sent < windowEnd) {
            measured(body, sent, arrived - sent);
        }
    }

    /** Waits, at most {@code bound}, until every reply and every push of what was sent has come. */
    final void drain(Duration bound) {
        long until = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < until && (inFlight.get() > 0 || pushed() < sentAt.size())) {
            ParleyProcess.sleep(20);
        }
    }

    final long pushed() {
        return received.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    final long duplicated() {
        return received.values().stream().filter(count -> count.get() > 1).count();
    }

    final long lost() {
        return sentAt.keySet().stream().filter(body -> !received.containsKey(body)).count();
    }
}
