package io.parley.bench;

import java.util.List;

/**
 * Figure 3: what an idle socket costs Parley. The users are registered first (their connections come
 * and go), then the baseline is taken, then every socket is opened and held. Parley's heap is fixed and
 * pre-touched, so the growth of its resident memory is native memory; the heap figure is live data
 * after a full collection.
 */
final class IdleSockets {

    record Result(int sockets, long serverOpen, double heapBytesPerSocket, double nativeBytesPerSocket) {

        @com.fasterxml.jackson.annotation.JsonProperty
        double totalBytesPerSocket() {
            return heapBytesPerSocket + nativeBytesPerSocket;
        }
    }

    private IdleSockets() {
    }

    static Result run(ParleyProcess parley, int sockets) {
        long[] ids = Users.next(sockets);
        for (int from = 0; from < ids.length; from += 1_000) {
            Users.closeAll(Users.connect(parley.ws(), java.util.Arrays.copyOfRange(
                    ids, from, Math.min(ids.length, from + 1_000)), 32, id -> (f, t) -> { }));
        }
        long openBefore = awaitOpen(parley, -1);
        long heapBefore = parley.liveHeapBytes();
        long rssBefore = parley.rssBytes();

        List<WsClient> held = Users.connect(parley.ws(), ids, 32, id -> (f, t) -> { });
        long open = awaitOpen(parley, openBefore + sockets);
        long heapAfter = parley.liveHeapBytes();
        long rssAfter = parley.rssBytes();
        Users.closeAll(held);
        return new Result(sockets, open - openBefore, (heapAfter - heapBefore) / (double) sockets,
                          (rssAfter - rssBefore) / (double) sockets);
    }

    /** The node's own count of open sockets, once it reached {@code expected} (-1: once it is steady). */
    private static long awaitOpen(ParleyProcess parley, long expected) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long last = -2;
        while (System.nanoTime() < deadline) {
            long open = Http.get(parley.http() + "/api/admin/sockets").get("open").asLong();
            if (open == expected || (expected < 0 && open == last)) {
                return open;
            }
            last = open;
            ParleyProcess.sleep(200);
        }
        throw new IllegalStateException("the node did not report " + expected + " open sockets (last " + last + ")");
    }
}
