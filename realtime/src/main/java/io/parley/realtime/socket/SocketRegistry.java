package io.parley.realtime.socket;

import io.parley.realtime.api.Push;
import io.parley.realtime.push.PushDelivery;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** This node's open sockets, by user: a user may hold several at once and each gets every push. */
@Component
public class SocketRegistry implements PushDelivery {

    private final ConcurrentHashMap<Long, Set<ParleySocket>> byUser = new ConcurrentHashMap<>();
    /** Sockets this node closed, by the close code it chose (4001, 4002, 4008, …), since it started. */
    private final ConcurrentHashMap<Integer, LongAdder> closedByServer = new ConcurrentHashMap<>();
    /** Live pushes handed to sockets since this node started, one per socket reached (metric parley.pushes). */
    private final LongAdder pushesSent = new LongAdder();

    void add(ParleySocket socket) {
        byUser.computeIfAbsent(socket.userId(), u -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void remove(ParleySocket socket) {
        byUser.computeIfPresent(socket.userId(), (u, sockets) -> {
            sockets.remove(socket);
            return sockets.isEmpty() ? null : sockets;
        });
    }

    void closedByServer(int code) {
        closedByServer.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** How many sockets are open here, and how many this node closed, by close code. */
    public Map<String, Object> stats() {
        Map<String, Long> closed = new TreeMap<>();
        closedByServer.forEach((code, count) -> closed.put(code.toString(), count.sum()));
        return Map.of("open", (long) all().size(), "closed_by_server", closed);
    }

    /** How many sockets are open here. */
    public long openCount() {
        long open = 0;
        for (Set<ParleySocket> sockets : byUser.values()) {
            open += sockets.size();
        }
        return open;
    }

    /** Live pushes handed to sockets since this node started (each socket reached counts once). */
    public long pushesSent() {
        return pushesSent.sum();
    }

    public Collection<ParleySocket> of(long userId) {
        Set<ParleySocket> sockets = byUser.get(userId);
        return sockets == null ? List.of() : sockets;
    }

    public List<ParleySocket> all() {
        return byUser.values().stream().flatMap(Set::stream).toList();
    }

    /** A live push to every socket of its users (as the reply, to the socket whose request it answers). */
    @Override
    public void deliver(Push push) {
        for (Long user : push.userIds()) {
            for (ParleySocket socket : of(user)) {
                socket.deliverLive(push);
                pushesSent.increment();
            }
        }
    }
}
