package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/** User ids of one run (its database is new, so any will do) and opening many sockets at once. */
final class Users {

    private static final AtomicLong NEXT = new AtomicLong(1_000);

    private Users() {
    }

    static long next() {
        return NEXT.incrementAndGet();
    }

    static long[] next(int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = next();
        }
        return ids;
    }

    /** Opens one socket per id, {@code parallel} handshakes at a time; the list is in the order of ids. */
    static List<WsClient> connect(String ws, long[] ids, int parallel, LongFunction<WsClient.PushListener> listeners) {
        return connect(i -> ws, ids, parallel, listeners);
    }

    /** As above, the {@code i}th id's socket on the node {@code wsOfIndex.apply(i)} (several nodes). */
    static List<WsClient> connect(IntFunction<String> wsOfIndex, long[] ids, int parallel,
                                  LongFunction<WsClient.PushListener> listeners) {
        Semaphore slots = new Semaphore(parallel);
        List<CompletableFuture<WsClient>> opening = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i];
            slots.acquireUninterruptibly();
            opening.add(WsClient.connect(wsOfIndex.apply(i), id, null, listeners.apply(id))
                                .orTimeout(120, TimeUnit.SECONDS)
                                .whenComplete((c, e) -> slots.release()));
        }
        return opening.stream().map(CompletableFuture::join).toList();
    }

    static void closeAll(List<WsClient> clients) {
        clients.parallelStream().forEach(WsClient::close);
    }
}
