package io.parley.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real websocket client (the JDK's), collecting every frame the server sends. */
public class SocketClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> unread = new ArrayList<>();
    /** Replies by request_id: a request finds its answer without looking through every push. */
    private final Map<String, JsonNode> replies = new java.util.HashMap<>();
    private final List<JsonNode> all = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Object sendLock = new Object();
    private StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private JsonNode hello;
    /** The frame after which this client drops its connection, as a lost network would; null: none. */
    private Predicate<JsonNode> dropAfter;
    private volatile boolean dropped;

    /** Connects and waits for the hello frame. */
    public static SocketClient connect(int port, String token) {
        return connect(URI.create("ws://localhost:" + port + "/ws/?token=" + token));
    }

    public static SocketClient connect(URI uri) {
        return connect(uri, HTTP);
    }

    /** Connects through the given HTTP client (for wss with a test certificate). */
    public static SocketClient connect(URI uri, HttpClient http) {
        SocketClient client = new SocketClient();
        client.socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, client).join();
        client.hello = client.await(f -> "hello".equals(f.path("event").asText()));
        return client;
    }

    /** Tries to connect; the HTTP status of a refused handshake, or 101 when it succeeded. */
    public static int handshakeStatus(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        try {
            WebSocket ws = builder.buildAsync(uri, new SocketClient()).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Like {@link #handshakeStatus}, but a connection that fails below HTTP (say plain text to a TLS port) is -1. */
    public static int handshakeStatusOrFailure(URI uri) {
        try {
            return handshakeStatus(uri, Map.of());
        } catch (CompletionException e) {
            return -1;
        }
    }

    public JsonNode hello() {
        return hello;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    /**
     * The first frame from now on that matches is the last this client takes: right after it the
     * connection is dropped (no close handshake), and nothing that was already on its way is read.
     */
    public synchronized void dropAfter(Predicate<JsonNode> matches) {
        dropAfter = matches;
    }

    /** Drops the connection now, as a lost network would: no close handshake, nothing more is read. */
    public synchronized void drop() {
        dropped = true;
        socket.abort();
        notifyAll();
    }

    public boolean dropped() {
        return dropped;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (dropped) {
            return null;
        }
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial = new StringBuilder();
            try {
                JsonNode frame = JSON.readTree(text);
                synchronized (this) {
                    // Checked again under drop()'s lock: a frame read while the client dropped is not seen,
                    // else a test that takes its last cursor right after drop() resumes before this frame.
                    if (dropped) {
                        return null;
                    }
                    JsonNode requestId = frame.get("request_id");
                    if (requestId != null && requestId.isTextual()) {
                        replies.put(requestId.asText(), frame);
                    } else {
                        unread.add(frame);
                    }
                    all.add(frame);
                    notifyAll();
                    if (dropAfter != null && dropAfter.test(frame)) {
                        drop();
                        return null;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("server sent a frame that is not JSON: " + text, e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        synchronized (this) {
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Sends one frame; threads sharing this client take turns (the JDK allows one send at a time). */
    public void sendRaw(String text) {
        synchronized (sendLock) {
            socket.sendText(text, true).join();
        }
    }

    /** Sends a request with a fresh request_id and waits for the frame that answers it. */
    public JsonNode request(String event, Map<String, ?> params) {
        return awaitReply(send(event, params));
    }

    /** Sends a request with a fresh request_id, without waiting; returns the request_id. */
    public String send(String event, Map<String, ?> params) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event", event);
        params.forEach((k, v) -> frame.set(k, JSON.valueToTree(v)));
        frame.put("request_id", requestId);
        sendRaw(frame.toString());
        return requestId;
    }

    /** Waits for (and takes) the frame that answers this request_id. */
    public synchronized JsonNode awaitReply(String requestId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!replies.containsKey(requestId)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("no reply to " + requestId + " within " + WAIT);
            }
            if (closed.isDone() || dropped) {
                throw new AssertionError("no reply to " + requestId + ": the connection is gone");
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        return replies.remove(requestId);
    }

    public JsonNode request(String event) {
        return request(event, Map.of());
    }

    /** Waits for (and takes) the first unread frame that matches. */
    public JsonNode await(Predicate<JsonNode> matches) {
        return await(matches, WAIT);
    }

    /** The same, with a bound of its own (for a test that moves a lot of events). */
    public synchronized JsonNode await(Predicate<JsonNode> matches, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        // Frames already tested are not tested again: a flood of pushes must not keep the reader waiting.
        int tested = 0;
        while (true) {
            if (tested > unread.size()) {
                tested = 0; // another thread took frames meanwhile
            }
            for (int i = tested; i < unread.size(); i++) {
                JsonNode frame = unread.get(i);
                if (matches.test(frame)) {
                    unread.remove(i);
                    return frame;
                }
            }
            tested = unread.size();
            for (Iterator<JsonNode> it = replies.values().iterator(); it.hasNext(); ) {
                JsonNode frame = it.next();
                if (matches.test(frame)) {
                    it.remove();
                    return frame;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("no matching frame within " + bound + "; " + unread.size() + " unread, the last: "
                                                 + (unread.isEmpty() ? "none" : unread.get(unread.size() - 1)));
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    /** Waits for the next unread push of this event. */
    public JsonNode awaitEvent(String event) {
        return await(f -> event.equals(f.path("event").asText()) && !f.has("request_id"));
    }

    /** Every frame received so far, in order. */
    public synchronized List<JsonNode> received() {
        return List.copyOf(all);
    }

    /** Frames received so far that no await took. */
    public synchronized List<JsonNode> unread() {
        return List.copyOf(unread);
    }

    /** The close code, waiting for the server to close. */
    public int awaitClose() {
        return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
