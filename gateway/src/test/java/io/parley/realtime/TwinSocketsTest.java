package io.parley.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three users with two sockets each: a twin that stays connected and sends every request, and a socket
 * that is dropped and resumed at random moments (often right after the first of an event's two pushes).
 * A few hundred random requests of both APIs later, every resumed socket has received exactly the pushes
 * its twin received, in the same order: compared by cursor, name or event, and data, a dialogs reply
 * that stood for a push counting as that push.
 */
class TwinSocketsTest extends ParleyTest {

    private static final int USERS = 3;
    private static final int REQUESTS = 300;

    /** A socket that is dropped and comes back with since; it keeps every frame of all its connections. */
    private final class Resumer {

        final long userId;
        final Random drops;
        final List<SocketClient> connections = new ArrayList<>();
        long dropsSoFar;

        Resumer(long userId, Random drops) {
            this.userId = userId;
            this.drops = drops;
            connect(null);
        }

        SocketClient current() {
            return connections.get(connections.size() - 1);
        }

        void connect(Long since) {
            SocketClient client = since == null ? TwinSocketsTest.this.connect(userId) : resume(userId, since);
            // Often right after a push that another push of its event follows, sometimes after any.
            client.dropAfter(f -> f.has("seq") && drops.nextDouble() < (firstOfTwo(f) ? 0.3 : 0.05));
            connections.add(client);
        }

        /** Back with since after a drop (the last cursor it got, or where its last connection started). */
        void comeBackIfDropped() {
            if (current().dropped()) {
                dropsSoFar++;
                connect(lastSeq());
            }
        }

        long lastSeq() {
            for (int i = connections.size() - 1; i >= 0; i--) {
                long last = connections.get(i).received().stream().mapToLong(f -> f.path("seq").asLong(-1)).max()
                                       .orElse(-1);
                if (last >= 0) {
                    return last;
                }
            }
            return connections.get(0).hello().get("data").get("seq").asLong();
        }

        void stayConnected() {
            current().dropAfter(f -> false);
            comeBackIfDropped();
            current().dropAfter(f -> false);
        }

        List<String> pushes() {
            List<String> all = new ArrayList<>();
            connections.forEach(c -> all.addAll(TwinSocketsTest.pushes(c)));
            return all;
        }
    }

    private static boolean firstOfTwo(JsonNode frame) {
        return "dialogs.messages.create".equals(frame.path("event").asText())
                || "dialogs.messages.seen".equals(frame.path("event").asText())
                || "server_edited".equals(frame.path("name").asText());
    }

    /**
     * A socket's pushes as comparable text: cursor, name or event, data. A dialogs message shows the read
     * model as it was when its push was composed (a later edit or read shows in a resume), so its body and
     * read time are left out; a reply's request_id is left out, the reply standing for the push.
     */
    static List<String> pushes(SocketClient client) {
        return client.received().stream().filter(f -> f.has("seq")).map(f -> {
            ObjectNode copy = f.deepCopy();
            copy.remove("request_id");
            if (copy.path("data").has("body_html")) {
                ((ObjectNode) copy.get("data")).remove(List.of("body", "body_html", "markdown_body", "date_read"));
            }
            return copy.toString();
        }).toList();
    }

    // What the random requests know of the world, updated from their successful replies.
    private final Map<Long, Long> serverOwners = new HashMap<>();
    private final Map<Long, Set<Long>> serverMembers = new HashMap<>();
    private final Map<Long, List<Long>> serverChannels = new HashMap<>();
    /** Channel message id → [author, channel]. */
    private final Map<Long, long[]> channelMessages = new HashMap<>();
    /** Dialog message id → [author, dialog]. */
    private final Map<Long, long[]> dialogMessages = new HashMap<>();
    private final Map<Long, long[]> dialogUsers = new HashMap<>();

    @Test
    void everyResumedSocketGetsExactlyWhatItsNeverDroppedTwinGot() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String about = "seed " + seed + " (set it in TwinSocketsTest to run it again)";
        long[] users = new long[USERS];
        List<SocketClient> twins = new ArrayList<>();
        List<Resumer> resumers = new ArrayList<>();
        try {
            for (int i = 0; i < USERS; i++) {
                users[i] = Tokens.newUserId();
                twins.add(connect(users[i]));
                resumers.add(new Resumer(users[i], new Random(seed + i)));
            }
            for (int i = 0; i < USERS; i++) {
                for (int j = i + 1; j < USERS; j++) {
                    dialogUsers.put(startDialog(users[i], users[j]), new long[]{users[i], users[j]});
                }
                long server = ok(twins.get(i), "servers.create", Map.of("name", "of " + i)).get("data").get("id").asLong();
                serverOwners.put(server, users[i]);
                serverMembers.put(server, new LinkedHashSet<>(List.of(users[i])));
                serverChannels.put(server, new ArrayList<>());
            }
            // Each user's own server for the end's barrier: no random request touches it.
            long[] markers = new long[USERS];
            for (int i = 0; i < USERS; i++) {
                markers[i] = ok(twins.get(i), "servers.create", Map.of("name", "marker")).get("data").get("id").asLong();
            }

            for (int step = 0; step < REQUESTS; step++) {
                resumers.forEach(Resumer::comeBackIfDropped);
                if (random.nextInt(100) < 3) {
                    resumers.get(random.nextInt(USERS)).current().drop(); // at a random moment, too
                }
                int actor = random.nextInt(USERS);
                randomRequest(random, twins.get(actor), users[actor], users);
            }

            // Every socket connected again; each user's marker rename is the last push it gets.
            resumers.forEach(Resumer::stayConnected);
            for (int i = 0; i < USERS; i++) {
                ok(twins.get(i), "servers.edit", Map.of("server_id", markers[i], "name", "the end"));
            }
            for (int i = 0; i < USERS; i++) {
                for (SocketClient socket : List.of(twins.get(i), resumers.get(i).current())) {
                    socket.await(f -> "server_edited".equals(f.path("name").asText())
                            && "the end".equals(f.path("data").path("name").asText()), java.time.Duration.ofSeconds(60));
                }
            }
            for (int i = 0; i < USERS; i++) {
                List<String> twin = pushes(twins.get(i));
                assertThat(resumers.get(i).pushes()).as("user " + i + "'s resumed socket, " + about).isEqualTo(twin);
                assertThat(twin).as(about).hasSizeGreaterThan(REQUESTS / USERS);
            }
            assertThat(resumers.stream().mapToLong(r -> r.dropsSoFar).sum()).as(about).isGreaterThan(10);
            assertThat(succeeded).as(about).isGreaterThan(REQUESTS / 2);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(about + ": " + e.getMessage(), e);
        } finally {
            twins.forEach(SocketClient::close);
            resumers.forEach(r -> r.current().close());
        }
    }

    /** Requests that succeeded among the random ones. */
    private int succeeded;

    /**
     * A random request: the test's picture of who may do what is not kept exact (a kicked user's old
     * messages, say), so a refusal is an answer like any other (it changes nothing and pushes nothing).
     * Answers the reply's data, or null when refused.
     */
    private JsonNode attempt(SocketClient client, String event, Map<String, ?> params) {
        JsonNode reply = client.request(event, params);
        if (reply.has("error")) {
            return null;
        }
        succeeded++;
        return reply.get("data");
    }

    private static JsonNode ok(SocketClient client, String event, Map<String, ?> params) {
        JsonNode reply = client.request(event, params);
        assertThat(reply.has("error")).as(event + " " + params + ": " + reply).isFalse();
        return reply;
    }

    private static <T> T any(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** One request by this user, of a kind picked at random among those it can make now. */
    private void randomRequest(Random random, SocketClient socket, long user, long[] users) {
        List<Long> ownDialogs = dialogUsers.entrySet().stream()
                                           .filter(e -> e.getValue()[0] == user || e.getValue()[1] == user)
                                           .map(Map.Entry::getKey).toList();
        List<Long> memberOf = serverMembers.entrySet().stream().filter(e -> e.getValue().contains(user))
                                           .map(Map.Entry::getKey).toList();
        List<Long> owned = serverOwners.entrySet().stream().filter(e -> e.getValue() == user)
                                       .map(Map.Entry::getKey).toList();
        List<Long> mine = dialogMessages.entrySet().stream().filter(e -> e.getValue()[0] == user)
                                        .map(Map.Entry::getKey).toList();
        List<Long> othersToMe = dialogMessages.entrySet().stream()
                                              .filter(e -> e.getValue()[0] != user && ownDialogs.contains(e.getValue()[1]))
                                              .map(Map.Entry::getKey).toList();
        List<Long> myChannelMessages = channelMessages.entrySet().stream().filter(e -> e.getValue()[0] == user)
                                                      .map(Map.Entry::getKey).toList();
        switch (random.nextInt(14)) {
            case 0, 1, 2 -> {
                long dialog = any(random, ownDialogs);
                JsonNode posted = attempt(socket, "dialogs.messages.create",
                                          Map.of("dialog_id", dialog, "body", "m" + random.nextInt()));
                if (posted != null) {
                    dialogMessages.put(posted.get("id").asLong(), new long[]{user, dialog});
                }
            }
            case 3 -> {
                if (!othersToMe.isEmpty()) {
                    long id = any(random, othersToMe);
                    attempt(socket, "dialogs.messages.seen", Map.of("dialog_id", dialogMessages.get(id)[1], "message_id", id));
                }
            }
            case 4 -> {
                if (!mine.isEmpty()) {
                    attempt(socket, "dialogs.messages.edit", Map.of("message_id", any(random, mine), "body", "e" + random.nextInt()));
                }
            }
            case 5 -> {
                if (!mine.isEmpty()) {
                    long id = any(random, mine);
                    attempt(socket, "dialogs.messages.delete", Map.of("message_id", id));
                    dialogMessages.remove(id);
                }
            }
            case 6 -> {
                // Join a server of someone else's: its owner makes an invite.
                List<Long> others = serverMembers.keySet().stream().filter(s -> !serverMembers.get(s).contains(user))
                                                 .toList();
                if (!others.isEmpty()) {
                    long server = any(random, others);
                    String code = inviteAs(serverOwners.get(server), server);
                    if (code != null && attempt(socket, "servers.join", Map.of("code", code)) != null) {
                        serverMembers.get(server).add(user);
                    }
                }
            }
            case 7 -> {
                List<Long> leavable = memberOf.stream().filter(s -> serverOwners.get(s) != user).toList();
                if (!leavable.isEmpty()) {
                    long server = any(random, leavable);
                    if (attempt(socket, "servers.leave", Map.of("server_id", server)) != null) {
                        serverMembers.get(server).remove(user);
                    }
                }
            }
            case 8 -> {
                if (!owned.isEmpty()) {
                    long server = any(random, owned);
                    List<Long> members = serverMembers.get(server).stream().filter(m -> m != user).toList();
                    if (!members.isEmpty()) {
                        long member = any(random, members);
                        if (random.nextBoolean()) {
                            attempt(socket, "servers.members.kick", Map.of("server_id", server, "user_id", member));
                        } else {
                            attempt(socket, "servers.bans.create", Map.of("server_id", server, "user_id", member));
                            attempt(socket, "servers.bans.delete", Map.of("server_id", server, "user_id", member));
                        }
                        serverMembers.get(server).remove(member);
                    }
                }
            }
            case 9 -> {
                if (!owned.isEmpty()) {
                    long server = any(random, owned);
                    List<Long> channels = serverChannels.get(server);
                    int what = random.nextInt(3);
                    if (channels.isEmpty() || what == 0) {
                        JsonNode channel = attempt(socket, "channels.create",
                                                   Map.of("server_id", server, "name", "c" + random.nextInt(99)));
                        if (channel != null) {
                            channels.add(channel.get("id").asLong());
                        }
                    } else if (what == 1) {
                        attempt(socket, "channels.edit", Map.of("server_id", server, "channel_id", any(random, channels),
                                                           "name", "r" + random.nextInt(99)));
                    } else {
                        long channel = any(random, channels);
                        attempt(socket, "channels.delete", Map.of("server_id", server, "channel_id", channel));
                        channels.remove(channel);
                        channelMessages.values().removeIf(m -> m[1] == channel);
                    }
                }
            }
            case 10, 11 -> {
                List<Long> channels = memberOf.stream().flatMap(s -> serverChannels.get(s).stream()).toList();
                if (!channels.isEmpty()) {
                    long channel = any(random, channels);
                    JsonNode posted = attempt(socket, "channels.messages.create",
                                              Map.of("channel_id", channel, "text", "t" + random.nextInt()));
                    if (posted != null) {
                        channelMessages.put(posted.get("id").asLong(), new long[]{user, channel});
                    }
                }
            }
            case 12 -> {
                if (!myChannelMessages.isEmpty()) {
                    long id = any(random, myChannelMessages);
                    if (random.nextBoolean()) {
                        attempt(socket, "channels.messages.edit", Map.of("message_id", id, "text", "x" + random.nextInt()));
                    } else {
                        attempt(socket, "channels.messages.delete", Map.of("message_id", id));
                        channelMessages.remove(id);
                    }
                }
            }
            default -> {
                if (!owned.isEmpty()) {
                    long server = any(random, owned);
                    List<Long> members = serverMembers.get(server).stream().filter(m -> m != user).toList();
                    if (!members.isEmpty() && random.nextBoolean()) {
                        long next = any(random, members);
                        if (attempt(socket, "servers.edit", Map.of("server_id", server, "owner_id", next)) != null) {
                            serverOwners.put(server, next);
                        }
                    } else if (random.nextInt(4) == 0) {
                        attempt(socket, "servers.delete", Map.of("server_id", server));
                        serverOwners.remove(server);
                        serverMembers.remove(server);
                        serverChannels.remove(server).forEach(c -> channelMessages.values().removeIf(m -> m[1] == c));
                        long again = ok(socket, "servers.create", Map.of("name", "again")).get("data").get("id").asLong();
                        serverOwners.put(again, user);
                        serverMembers.put(again, new LinkedHashSet<>(List.of(user)));
                        serverChannels.put(again, new ArrayList<>());
                    } else {
                        attempt(socket, "servers.edit", Map.of("server_id", server, "name", "n" + random.nextInt(99)));
                    }
                }
            }
        }
    }

    /** An invite to the server, made by its owner on a socket of the owner's own. */
    private String inviteAs(long owner, long server) {
        try (SocketClient ownerSocket = connect(owner)) {
            JsonNode invite = attempt(ownerSocket, "servers.invites.create", Map.of("server_id", server));
            return invite == null ? null : invite.get("code").asText();
        }
    }
}
