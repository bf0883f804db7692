package io.parley.realtime.socket;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.realtime.api.Origin;
import io.parley.realtime.api.Push;
import io.parley.realtime.api.RequestingSocket;
import io.parley.realtime.api.TokenClaims;
import io.parley.realtime.push.CatchingUpSocket;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected socket of one user. Frames go into a bounded queue and out through the container's
 * asynchronous send, one at a time, in order: whoever calls {@link #send} (a request thread, the push
 * processor) never waits on the network. A client that stops reading fills its queue and is closed
 * with 4008; it can come back and resume.
 */
public class ParleySocket implements RequestingSocket, CatchingUpSocket {

    public static final CloseStatus TOO_SLOW = new CloseStatus(4008, "too slow: the send queue is full");
    private static final Logger log = LoggerFactory.getLogger(ParleySocket.class);
    /** Completions that run on the sending thread hand over to the executor past this depth. */
    private static final int MAX_INLINE_DEPTH = 8;
    static final int MAX_DEFERRED_REPLIES = 32;
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    private final String id = UUID.randomUUID().toString();
    private final TokenClaims claims;
    private final WebSocketSession session;
    private final RemoteEndpoint.Async remote;
    private final Executor executor;
    private final SocketRegistry registry;
    private final int maxQueuedChars;
    private final long sendTimeLimitNanos;

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    private long sendStartedNanos;
    private boolean closing;
    /** While a catch-up (resume) runs, live pushes wait here. */
    private final ArrayDeque<Push> held = new ArrayDeque<>();
    private long heldChars;
    private boolean catchingUp = true;
    /** Live pushes at or below this cursor were already sent by the catch-up. */
    private long caughtUpTo = -1;
    /** This socket's requests whose reply is the push their write causes, by request number. */
    private final ConcurrentHashMap<Long, ReplyByPush> repliesByPush = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    /** When the oldest ping still without a pong went out; -1 when every ping was answered. */
    private volatile long unansweredPingSinceNanos = -1;
    /** Replies handed over to the thread that completes them and not sent yet (see {@link #deferReply}). */
    private final AtomicInteger deferredReplies = new AtomicInteger();
    /** A frame the container handed over in parts, until its last part; null between frames. */
    private StringBuilder partial;
    /** A frame was too big: the socket is closing, and nothing more it sent is read. */
    private boolean oversized;

    ParleySocket(TokenClaims claims, WebSocketSession session, Executor executor, SocketRegistry registry,
                 int maxQueuedChars, long sendTimeLimitMillis) {
        this.registry = registry;
        this.claims = claims;
        this.session = session;
        this.remote = ((StandardWebSocketSession) session).getNativeSession(Session.class).getAsyncRemote();
        this.executor = executor;
        this.maxQueuedChars = maxQueuedChars;
        this.sendTimeLimitNanos = sendTimeLimitMillis * 1_000_000;
    }

    public String id() {
        return id;
    }

    @Override
    public long userId() {
        return claims.userId();
    }

    @Override
    public TokenClaims claims() {
        return claims;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen() && !closing;
    }

    /**
     * Whether a request may hand its reply over (see {@link DeferredSocketRequestHandler}) instead of
     * waiting for it. Up to {@value #MAX_DEFERRED_REPLIES} may be pending; beyond that the request thread
     * waits, so a client sending without waiting for replies is held back, as it reads, not queued up.
     * Each true must be followed by one {@link #replied}.
     */
    boolean deferReply() {
        if (deferredReplies.incrementAndGet() > MAX_DEFERRED_REPLIES) {
            deferredReplies.decrementAndGet();
            return false;
        }
        return true;
    }

    void replied() {
        deferredReplies.decrementAndGet();
    }

    /** A live push: held while the socket catches up, dropped when the catch-up already sent it. */
    public void deliverLive(Push push) {
        synchronized (this) {
            if (closing || push.seq() <= caughtUpTo) {
                return;
            }
            if (catchingUp) {
                if (heldChars + push.frame().length() > maxQueuedChars) {
                    closeLater(TOO_SLOW);
                    return;
                }
                held.add(push);
                heldChars += push.frame().length();
                return;
            }
        }
        send(frameFor(push));
    }

    /**
     * A request whose reply is the push its write causes (the dialogs API's writes): the push goes to
     * this socket with the request's id, as its reply, instead of as a push (see {@link #frameFor}).
     * Registered before the write is sent, so the push cannot come first. The answer is the origin the
     * write's command carries.
     */
    @Override
    public Origin expectReplyByPush(String event, JsonNode requestId) {
        long number = requests.incrementAndGet();
        repliesByPush.put(number, new ReplyByPush(event, requestId));
        return new Origin(id, number);
    }

    /** The request's write is stored at this position; its push answers it once the push stream gets there. */
    @Override
    public void replyByPushStoredAt(long request, long position) {
        ReplyByPush reply = repliesByPush.get(request);
        if (reply != null) {
            reply.storedAt(position);
        }
    }

    /** The request is answered otherwise: it was refused, or its write stored nothing. */
    @Override
    public void forgetReplyByPush(long request) {
        repliesByPush.remove(request);
    }

    /**
     * The frame this socket gets for a push: the push itself, or, when it is the push of one of this
     * socket's requests still waiting for its reply, that reply: the same frame with the request's
     * {@code request_id}, so that the socket gets one frame for its write, with the push's cursor.
     */
    @Override
    public String frameFor(Push push) {
        Origin replyTo = push.replyTo();
        if (replyTo == null || !replyTo.socket().equals(id)) {
            return push.frame();
        }
        ReplyByPush reply = repliesByPush.remove(replyTo.request());
        if (reply == null || reply.requestId() == null || reply.requestId().isNull()) {
            return push.frame();
        }
        String frame = push.frame();
        return frame.substring(0, frame.lastIndexOf('}')) + ",\"request_id\":" + reply.requestId() + "}";
    }

    /**
     * Takes the requests whose write the push stream has passed (its position is at or below
     * {@code released}) at least {@code waitNanos} ago without their push answering them: their event
     * pushed nothing to this socket (its message was gone by the time it was composed, say).
     */
    public List<ReplyByPush> takeUnansweredReplies(long released, long waitNanos) {
        if (repliesByPush.isEmpty()) {
            return List.of();
        }
        List<ReplyByPush> unanswered = new ArrayList<>();
        long now = System.nanoTime();
        repliesByPush.forEach((request, reply) -> {
            if (reply.overdue(released, now, waitNanos) && repliesByPush.remove(request, reply)) {
                unanswered.add(reply);
            }
        });
        return unanswered;
    }

    /** A request waiting for the push of its write, which is its reply. */
    public static final class ReplyByPush {

        private final String event;
        private final JsonNode requestId;
        private volatile long position = Long.MAX_VALUE;
        private volatile long storedNanos;

        ReplyByPush(String event, JsonNode requestId) {
            this.event = event;
            this.requestId = requestId;
        }

        public String event() {
            return event;
        }

        public JsonNode requestId() {
            return requestId;
        }

        void storedAt(long position) {
            storedNanos = System.nanoTime();
            this.position = position;
        }

        boolean overdue(long released, long now, long waitNanos) {
            return position <= released && now - storedNanos > waitNanos;
        }
    }

    /**
     * Queues the frames of a catch-up, waiting while the queue is over half full: a resume goes at the
     * pace the client reads, instead of overflowing its queue. Frames go in as runs that fit below half
     * the queue, one lock for each run rather than for each frame.
     */
    @Override
    public void sendPaced(List<String> frames) throws InterruptedException {
        int next = 0;
        while (next < frames.size()) {
            boolean start;
            synchronized (this) {
                while (!closing && queuedChars > 0 && queuedChars + frames.get(next).length() > maxQueuedChars / 2) {
                    wait(100);
                }
                if (closing) {
                    return;
                }
                do {
                    String frame = frames.get(next++);
                    if (queuedChars + frame.length() > maxQueuedChars) {
                        closeLater(TOO_SLOW);
                        return;
                    }
                    queue.add(frame);
                    queuedChars += frame.length();
                } while (next < frames.size() && queuedChars + frames.get(next).length() <= maxQueuedChars / 2);
                start = !sending;
                if (start) {
                    sending = true;
                    sendStartedNanos = System.nanoTime();
                }
            }
            if (start) {
                sendNext();
            }
        }
    }

    /** The catch-up has sent every push up to the cursor {@code upTo}: release the held live pushes after it. */
    @Override
    public void finishCatchUp(long upTo) {
        synchronized (this) {
            caughtUpTo = Math.max(caughtUpTo, upTo);
            for (Push push = held.poll(); push != null; push = held.poll()) {
                if (push.seq() > caughtUpTo) {
                    send(frameFor(push));
                }
            }
            heldChars = 0;
            catchingUp = false;
        }
    }

    /** Queues a text frame; never blocks. A full queue closes the socket with 4008. */
    @Override
    public void send(String json) {
        synchronized (this) {
            if (closing) {
                return;
            }
            if (queuedChars + json.length() > maxQueuedChars) {
                closeLater(TOO_SLOW);
                return;
            }
            queue.add(json);
            queuedChars += json.length();
            if (sending) {
                return;
            }
            sending = true;
            sendStartedNanos = System.nanoTime();
        }
        sendNext();
    }

    private void sendNext() {
        String next;
        synchronized (this) {
            next = queue.poll();
            if (next == null || closing) {
                sending = false;
                return;
            }
            queuedChars -= next.length();
            sendStartedNanos = System.nanoTime();
            notifyAll(); // a paced catch-up may go on
        }
        try {
            remote.sendText(next, this::sent);
        } catch (RuntimeException e) {
            log.debug("socket {} refused a frame: {}", id, e.getMessage());
            closeLater(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            closeLater(CloseStatus.SESSION_NOT_RELIABLE);
            return;
        }
        int depth = DEPTH.get();
        if (depth >= MAX_INLINE_DEPTH) {
            executor.execute(this::sendNext);
            return;
        }
        DEPTH.set(depth + 1);
        try {
            sendNext();
        } finally {
            DEPTH.set(depth);
        }
    }

    /**
     * Heartbeat: pings an idle socket, and closes one whose current send has been stuck past the send
     * time limit (4008). A busy socket is not pinged: a frame on its way proves as much.
     */
    void heartbeat() {
        synchronized (this) {
            if (closing) {
                return;
            }
            if (sending) {
                if (System.nanoTime() - sendStartedNanos > sendTimeLimitNanos) {
                    closeLater(TOO_SLOW);
                }
                return;
            }
            sending = true;
            sendStartedNanos = System.nanoTime();
        }
        if (unansweredPingSinceNanos < 0) {
            unansweredPingSinceNanos = System.nanoTime();
        }
        try {
            // Idle: nothing else writes now, and a ping is two bytes into an empty socket buffer.
            remote.sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            closeLater(CloseStatus.SESSION_NOT_RELIABLE);
            return;
        }
        sendNext();
    }

    void ponged() {
        unansweredPingSinceNanos = -1;
    }

    /**
     * How long a ping has gone unanswered (0 when none is). Only pings that went out count: a socket busy
     * receiving frames is not pinged, and its liveness is its sends completing (the send time limit).
     */
    long nanosPingUnanswered() {
        long since = unansweredPingSinceNanos;
        return since < 0 ? 0 : System.nanoTime() - since;
    }

    /** Closes on another thread: a close frame to a stuck client must not hold up the caller. */
    /**
     * Joins a frame the container hands over in parts (the container calls this for one socket at a
     * time). Returns the whole frame at its last part, else null; a frame beyond {@code maxChars}
     * closes the socket with 1009.
     */
    public String assemble(String part, boolean last, int maxChars) {
        if (oversized) {
            return null;
        }
        if (partial == null && last) {
            return part.length() > maxChars ? tooBig() : part;
        }
        if (partial == null) {
            partial = new StringBuilder(part.length() * 2);
        }
        partial.append(part);
        if (partial.length() > maxChars) {
            return tooBig();
        }
        if (!last) {
            return null;
        }
        String whole = partial.toString();
        partial = null;
        return whole;
    }

    private String tooBig() {
        partial = null;
        oversized = true;
        close(CloseStatus.TOO_BIG_TO_PROCESS);
        return null;
    }

    public void close(CloseStatus status) {
        closeLater(status);
    }

    private void closeLater(CloseStatus status) {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            queue.clear();
            queuedChars = 0;
        }
        registry.closedByServer(status.getCode());
        executor.execute(() -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("socket {} was already gone: {}", id, e.getMessage());
            }
        });
    }
}
