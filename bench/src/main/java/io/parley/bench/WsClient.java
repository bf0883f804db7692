package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One user's socket, as a frontend holds it: requests answered by {@code request_id}, every other
 * frame handed to the push consumer on arrival (with the nanoTime it arrived at).
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** All sockets share one client: one selector thread, as a load generator should be. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /** A push and the moment it arrived. */
    interface PushListener {
        void onPush(JsonNode frame, long arrivedNanos);
    }

    private final long userId;
    private final PushListener pushes;
    private final StringBuilder partial = new StringBuilder();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextRequest = new AtomicLong();
    private final CompletableFuture<JsonNode> hello = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private CompletableFuture<WebSocket> sending;
    private volatile WebSocket socket;

    private WsClient(long userId, PushListener pushes) {
        this.userId = userId;
        this.pushes = pushes;
    }

    /** Connects; the future completes once hello has arrived. */
    static CompletableFuture<WsClient> connect(String wsBase, long userId, Long since, PushListener pushes) {
        WsClient client = new WsClient(userId, pushes);
        URI uri = URI.create(wsBase + "/ws/?token=" + Jwt.user(userId) + (since == null ? "" : "&since=" + since));
        return HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, client)
                   .thenCompose(ws -> {
                       client.socket = ws;
                       synchronized (client) {
                           client.sending = CompletableFuture.completedFuture(ws);
                       }
                       return client.hello;
                   })
                   .thenApply(h -> client);
    }

    static WsClient open(String wsBase, long userId, PushListener pushes) {
        return connect(wsBase, userId, null, pushes).orTimeout(60, TimeUnit.SECONDS).join();
    }

    long userId() {
        return userId;
    }

    /** The position hello told this socket it starts at. */
    long helloSeq() {
        return hello.join().path("data").path("seq").asLong();
    }

    /** Sends a request; the future completes with its reply (an error reply fails it). */
    CompletableFuture<JsonNode> request(String event, Map<String, ?> params) {
        String id = Long.toString(nextRequest.incrementAndGet());
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event", event);
        params.forEach((k, v) -> frame.set(k, JSON.valueToTree(v)));
        frame.put("request_id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        String text = frame.toString();
        synchronized (this) {
            // The JDK socket takes one send at a time: chain them.
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
        }
        return reply.thenApply(r -> {
            if (r.has("error")) {
                throw new IllegalStateException(event + " refused: " + r.get("error"));
            }
            return r;
        });
    }

    JsonNode call(String event, Map<String, ?> params) {
        return request(event, params).orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long arrived = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode frame = JSON.readTree(text);
                JsonNode requestId = frame.get("request_id");
                CompletableFuture<JsonNode> reply = requestId == null ? null : pending.remove(requestId.asText());
                if (reply != null) {
                    reply.complete(frame);
                } else if ("hello".equals(frame.path("event").asText()) && !hello.isDone()) {
                    hello.complete(frame);
                } else {
                    pushes.onPush(frame, arrived);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        hello.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        pending.values().forEach(p -> p.completeExceptionally(new IllegalStateException("closed " + statusCode)));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(-1);
        hello.completeExceptionally(error);
        pending.values().forEach(p -> p.completeExceptionally(error));
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !closed.isDone()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            try {
                closed.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
    }
}
