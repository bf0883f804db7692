package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Figure 5: a user is away while {@code missed} messages are posted to them; they come back with
 * {@code since} and the figure is the time from the connect until the last missed push arrived.
 */
final class ResumeFigure {

    record Result(int missed, double seconds, long received, boolean inOrder) {
    }

    private ResumeFigure() {
    }

    private static CompletableFuture<Void> post(WsClient writer, long dialog, int w, int i, int share) {
        if (i == share) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "missed " + w + " " + i))
                     .thenCompose(reply -> post(writer, dialog, w, i + 1, share));
    }

    /** Writers that post the missed messages, each in a dialog of its own with the reader. */
    static final int WRITERS = 20;

    static Result run(ParleyProcess parley, int missed) {
        long reader = Users.next();
        long[] writerIds = Users.next(WRITERS);
        List<WsClient> writers = Users.connect(parley.ws(), writerIds, 16, id -> (f, t) -> { });
        long[] dialogs = new long[WRITERS];
        long since;
        try (WsClient away = WsClient.open(parley.ws(), reader, (f, t) -> { })) {
            for (int w = 0; w < WRITERS; w++) {
                dialogs[w] = Http.post(parley.http() + "/api/admin/dialogs",
                                       Map.of("user_ids", List.of(reader, writerIds[w]))).get("id").asLong();
            }
            since = away.helloSeq();
        }
        // Everything after since, where the reader's last socket started, is what it missed.
        // The missed messages: each writer posts its share one after the other, all writers at once.
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int share = missed / WRITERS + (w < missed % WRITERS ? 1 : 0);
            writing.add(post(writers.get(w), dialogs[w], w, 0, share));
        }
        CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).orTimeout(1800, TimeUnit.SECONDS).join();
        Users.closeAll(writers);

        List<Long> seqs = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(missed);
        long[] last = new long[1];
        long started = System.nanoTime();
        WsClient back = WsClient.connect(parley.ws(), reader, since, (frame, arrived) -> {
            if ("dialogs.messages.create".equals(frame.path("event").asText())) {
                seqs.add(frame.path("seq").asLong());
                bodies.add(frame.path("data").path("markdown_body").asText());
                last[0] = arrived;
                all.countDown();
            }
        }).orTimeout(60, TimeUnit.SECONDS).join();
        try {
            all.await(600, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (last[0] - started) / 1e9;
        back.close();
        boolean inOrder;
        synchronized (seqs) {
            inOrder = seqs.size() == missed;
            for (int i = 1; inOrder && i < seqs.size(); i++) {
                inOrder = seqs.get(i) > seqs.get(i - 1);
            }
        }
        synchronized (bodies) {
            inOrder = inOrder && new java.util.HashSet<>(bodies).size() == missed;
        }
        return new Result(missed, seconds, seqs.size(), inOrder);
    }
}
