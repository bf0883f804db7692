package io.parley.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.SocketClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What the servers API tests share: requests that must succeed, pushes by name, and the barrier. */
abstract class ServersApiTest extends ParleyTest {

    /** The servers API's time: {@code 2024-12-04 18:36:14.045681+00}. */
    static final String SERVERS_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00";
    static final Set<String> SERVER_KEYS = Set.of("id", "name", "owner_id");
    static final Set<String> CHANNEL_KEYS = Set.of("id", "name", "server_id", "type");
    static final Set<String> MESSAGE_KEYS = Set.of("id", "author_id", "channel_id", "server_id", "text", "sent",
                                                   "edited");
    static final Set<String> MESSAGE_EDITED_KEYS = Set.of("id", "channel_id", "server_id", "text", "edited");
    static final Set<String> MESSAGE_DELETED_KEYS = Set.of("id", "channel_id", "server_id");
    static final Set<String> CHANNEL_DELETED_KEYS = Set.of("id", "server_id");
    static final Set<String> MEMBER_KEYS = Set.of("id", "server_id");
    static final Set<String> ID_KEYS = Set.of("id");
    /** Pushes whose data.id is the server's id; every other servers push names it in data.server_id. */
    private static final Set<String> SERVER_ID_PUSHES = Set.of("server_edited", "server_deleted", "got_server_owner");

    private static final AtomicInteger BARRIERS = new AtomicInteger();
    private final Map<Long, Long> barrierServers = new HashMap<>();

    /** Sends a request that must succeed; answers its reply. */
    static JsonNode ok(SocketClient client, String event, Map<String, ?> params) {
        JsonNode reply = client.request(event, params);
        assertThat(reply.has("error")).as(event + " " + params + ": " + reply).isFalse();
        assertThat(reply.path("type").asText()).isEqualTo("ws_send");
        assertThat(reply.path("event").asText()).isEqualTo(event);
        return reply;
    }

    static void assertError(JsonNode reply, String code) {
        assertThat(reply.path("error").path("code").asText()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("error").path("message").asText()).isNotEmpty();
        // No reply data: "data" only repeats the message, for the origin's frontend (beside "exception").
        assertThat(reply.path("data").asText()).as("refused: " + reply).isEqualTo(reply.path("error").path("message").asText());
        assertThat(reply.path("exception").asBoolean()).isTrue();
    }

    /** Waits for (and takes) the next unread push of this name. */
    static JsonNode push(SocketClient client, String name) {
        JsonNode push = client.await(f -> name.equals(f.path("name").asText()));
        assertThat(fieldNames(push)).isEqualTo(Set.of("name", "data", "seq"));
        assertThat(push.get("seq").isIntegralNumber()).isTrue();
        return push;
    }

    /** Waits for (and takes) the next unread push of this name about this id (data.id). */
    static JsonNode push(SocketClient client, String name, long id) {
        return client.await(f -> name.equals(f.path("name").asText()) && f.path("data").path("id").asLong() == id);
    }

    /** Every push received so far about this server, in order. */
    static List<JsonNode> pushesAbout(SocketClient client, long serverId) {
        List<JsonNode> pushes = new ArrayList<>();
        for (JsonNode frame : client.received()) {
            if (!frame.has("name")) {
                continue;
            }
            JsonNode data = frame.path("data");
            long about = SERVER_ID_PUSHES.contains(frame.get("name").asText()) ? data.path("id").asLong()
                                                                                 : data.path("server_id").asLong();
            if (about == serverId) {
                pushes.add(frame);
            }
        }
        return pushes;
    }

    static List<String> names(List<JsonNode> pushes) {
        return pushes.stream().map(p -> p.get("name").asText()).toList();
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    long createServer(SocketClient owner, String name) {
        return ok(owner, "servers.create", Map.of("name", name)).get("data").get("id").asLong();
    }

    String createInvite(SocketClient owner, long serverId) {
        return ok(owner, "servers.invites.create", Map.of("server_id", serverId)).get("data").get("code").asText();
    }

    long createChannel(SocketClient owner, long serverId, String name) {
        return ok(owner, "channels.create", Map.of("server_id", serverId, "name", name)).get("data").get("id")
                                                                                        .asLong();
    }

    long post(SocketClient author, long channelId, String text) {
        return ok(author, "channels.messages.create", Map.of("channel_id", channelId, "text", text)).get("data")
                                                                                                    .get("id").asLong();
    }

    /**
     * Returns once every push sent to this socket for the events stored so far has arrived. Pushes go out
     * in stream order, so when the socket gets a push for a later event, every earlier one has come: the
     * user's other socket renames a server of the user's own, and this socket waits for its server_edited.
     */
    void barrier(SocketClient client, long userId) {
        String name = "barrier-" + BARRIERS.incrementAndGet();
        try (SocketClient side = connect(userId)) {
            long server = barrierServers.computeIfAbsent(userId, u -> createServer(side, "barrier"));
            ok(side, "servers.edit", Map.of("server_id", server, "name", name));
        }
        client.await(f -> "server_edited".equals(f.path("name").asText())
                && name.equals(f.path("data").path("name").asText()));
    }
}
