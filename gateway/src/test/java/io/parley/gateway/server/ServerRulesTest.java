package io.parley.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The servers API's limits, idempotent posting, message paging, message history and server snapshots. */
class ServerRulesTest extends ServersApiTest {

    @Autowired
    EventStore eventStore;

    @Test
    void aUserOwnsAtMostTenServersAndCannotBeHandedAnEleventh() {
        long u = Tokens.newUserId();
        long n = Tokens.newUserId();
        try (SocketClient user = connect(u); SocketClient other = connect(n)) {
            List<Long> owned = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                owned.add(createServer(user, "server " + i));
            }
            long before = storedEvents();
            assertError(user.request("servers.create", Map.of("name", "eleven")), "conflict");
            assertThat(storedEvents()).isEqualTo(before);

            // Deleting one frees its place.
            ok(user, "servers.delete", Map.of("server_id", owned.get(0)));
            long eleventh = createServer(user, "ten again");

            // Nor can a user who owns ten be handed one more.
            for (int i = 1; i <= 10; i++) {
                createServer(other, "theirs " + i);
            }
            ok(other, "servers.join", Map.of("code", createInvite(user, eleventh)));
            before = storedEvents();
            assertError(user.request("servers.edit", Map.of("server_id", eleventh, "owner_id", n)), "conflict");
            assertThat(storedEvents()).isEqualTo(before);
            assertThat(ok(user, "servers.load", Map.of("limit", 100)).get("meta").get("total").asInt()).isEqualTo(10);
        }
    }

    @Test
    void aRepeatedNonceAnswersTheFirstMessageAndStoresNothing() {
        long o = Tokens.newUserId();
        try (SocketClient owner = connect(o)) {
            long channel = createChannel(owner, createServer(owner, "nonces"), "general");
            JsonNode first = ok(owner, "channels.messages.create", Map.of("channel_id", channel, "text", "once",
                                                                          "nonce", "n-1"));
            long before = storedEvents();
            JsonNode again = ok(owner, "channels.messages.create", Map.of("channel_id", channel, "text", "twice?",
                                                                          "nonce", "n-1"));
            assertThat(again.get("data")).isEqualTo(first.get("data"));
            assertThat(again.has("seq")).isFalse();
            assertThat(storedEvents()).isEqualTo(before);
            JsonNode other = ok(owner, "channels.messages.create", Map.of("channel_id", channel, "text", "new",
                                                                          "nonce", "n-2"));
            assertThat(other.get("data").get("id").asLong()).isNotEqualTo(first.get("data").get("id").asLong());
        }
    }

    @Test
    void pagesCountBackFromTheNewestAndCursorsNarrowThem() {
        long o = Tokens.newUserId();
        try (SocketClient owner = connect(o)) {
            long server = createServer(owner, "paging");
            long channel = createChannel(owner, server, "general");
            long otherChannel = createChannel(owner, server, "other");
            long elsewhere = post(owner, otherChannel, "elsewhere");
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                ids.add(post(owner, channel, "m" + i));
            }

            JsonNode newest = page(owner, Map.of("channel_id", channel, "limit", 10));
            assertThat(texts(newest)).containsExactly("m16", "m17", "m18", "m19", "m20", "m21", "m22", "m23", "m24",
                                                      "m25");
            assertThat(newest.get("meta").get("limit").asInt()).isEqualTo(10);
            assertThat(newest.get("meta").get("offset").asInt()).isZero();
            assertThat(newest.get("meta").get("total").asInt()).isEqualTo(25);
            assertThat(texts(page(owner, Map.of("channel_id", channel, "limit", 10, "offset", 10))))
                    .containsExactly("m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13", "m14", "m15");
            assertThat(texts(page(owner, Map.of("channel_id", channel, "limit", 10, "offset", 20))))
                    .containsExactly("m1", "m2", "m3", "m4", "m5");
            assertThat(page(owner, Map.of("channel_id", channel)).get("meta").get("limit").asInt()).isEqualTo(20);

            // Cursors: messages before or after one message, paged back from the newest in that range.
            JsonNode before = page(owner, Map.of("channel_id", channel, "before", ids.get(10), "limit", 5));
            assertThat(texts(before)).containsExactly("m6", "m7", "m8", "m9", "m10");
            assertThat(before.get("meta").get("total").asInt()).isEqualTo(10);
            JsonNode after = page(owner, Map.of("channel_id", channel, "after", ids.get(19)));
            assertThat(texts(after)).containsExactly("m21", "m22", "m23", "m24", "m25");
            assertThat(after.get("meta").get("total").asInt()).isEqualTo(5);
            assertThat(texts(page(owner, Map.of("channel_id", channel, "after", ids.get(4), "before", ids.get(14),
                                                "limit", 3))))
                    .containsExactly("m12", "m13", "m14");

            // Deleted messages are left out, and still serve as cursors.
            ok(owner, "channels.messages.delete", Map.of("message_id", ids.get(24)));
            JsonNode afterDelete = page(owner, Map.of("channel_id", channel, "limit", 3));
            assertThat(texts(afterDelete)).containsExactly("m22", "m23", "m24");
            assertThat(afterDelete.get("meta").get("total").asInt()).isEqualTo(24);
            assertThat(texts(page(owner, Map.of("channel_id", channel, "before", ids.get(24), "limit", 2))))
                    .containsExactly("m23", "m24");

            // A cursor from another channel is no cursor here.
            assertError(owner.request("channels.messages.load", Map.of("channel_id", channel, "before", elsewhere)),
                        "not_found");
        }
    }

    @Test
    void aMessagesHistoryKeepsEveryVersionForItsAuthorAndAdmins() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        long adminId = Tokens.newUserId();
        try (SocketClient owner = connect(o); SocketClient member = connect(m);
             SocketClient admin = SocketClient.connect(port, Tokens.admin(adminId))) {
            long server = createServer(owner, "audited");
            ok(member, "servers.join", Map.of("code", createInvite(owner, server)));
            long channel = createChannel(owner, server, "general");
            long id = post(member, channel, "first");
            ok(member, "channels.messages.edit", Map.of("message_id", id, "text", "second"));
            ok(owner, "channels.messages.delete", Map.of("message_id", id));
            // Gone from the read model with its channel; the history stays.
            ok(owner, "channels.delete", Map.of("server_id", server, "channel_id", channel));

            JsonNode history = ok(member, "channels.messages.history", Map.of("message_id", id)).get("data");
            assertThat(fieldNames(history)).isEqualTo(Set.of("id", "channel_id", "server_id", "versions"));
            assertThat(history.get("id").asLong()).isEqualTo(id);
            assertThat(history.get("channel_id").asLong()).isEqualTo(channel);
            assertThat(history.get("server_id").asLong()).isEqualTo(server);
            JsonNode versions = history.get("versions");
            assertThat(versions).hasSize(3);
            assertThat(versions.get(0).get("kind").asText()).isEqualTo("created");
            assertThat(versions.get(0).get("text").asText()).isEqualTo("first");
            assertThat(versions.get(0).get("user").asLong()).isEqualTo(m);
            assertThat(versions.get(1).get("kind").asText()).isEqualTo("edited");
            assertThat(versions.get(1).get("text").asText()).isEqualTo("second");
            assertThat(versions.get(2).get("kind").asText()).isEqualTo("deleted");
            assertThat(versions.get(2).has("text")).isFalse();
            assertThat(versions.get(2).get("user").asLong()).isEqualTo(o);
            versions.forEach(v -> assertThat(v.get("date").asText()).matches(SERVERS_TIME));

            // Anyone else but an admin is refused alike whether the message exists or not.
            assertThat(ok(admin, "channels.messages.history", Map.of("message_id", id)).get("data")).isEqualTo(history);
            assertError(owner.request("channels.messages.history", Map.of("message_id", id)), "forbidden");
            assertError(owner.request("channels.messages.history", Map.of("message_id", 9_000_000_000L)), "forbidden");
            assertError(admin.request("channels.messages.history", Map.of("message_id", 9_000_000_000L)), "not_found");

            String url = baseUrl() + "/api/admin/messages/channel/" + id + "/history";
            Rest.Download rest = Rest.get(url, Tokens.admin(adminId));
            assertThat(rest.status()).isEqualTo(200);
            assertThat(readTree(rest.body())).isEqualTo(history);
            assertThat(Rest.get(url, Tokens.forUser(m)).status()).isEqualTo(403);
            assertThat(Rest.get(url, null).status()).isEqualTo(401);
            assertThat(Rest.get(baseUrl() + "/api/admin/messages/channel/9000000000/history", Tokens.admin(adminId))
                           .status()).isEqualTo(404);
        }
    }

    @Test
    void aLongLivedServerIsLoadedFromItsSnapshot() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        long t = Tokens.newUserId();
        try (SocketClient owner = connect(o); SocketClient member = connect(m); SocketClient target = connect(t)) {
            long server = createServer(owner, "long lived");
            String code = createInvite(owner, server);
            ok(member, "servers.join", Map.of("code", code));
            ok(owner, "servers.bans.create", Map.of("server_id", server, "user_id", t,
                                                    "expires", "2999-01-01T00:00:00Z"));
            long general = createChannel(owner, server, "general");
            // Past the default threshold of 100 events.
            for (int i = 0; i < 48; i++) {
                long scratch = createChannel(owner, server, "scratch " + i);
                ok(owner, "channels.delete", Map.of("server_id", server, "channel_id", scratch));
            }
            String aggregate = "server-" + server;
            // Snapshots are taken after the command that crossed the threshold; the store (Parley's or Axon
            // Server) then hands the snapshot out first.
            Await.until("a snapshot of " + aggregate, () -> eventStore.readEvents(aggregate).next()
                    .getPayloadType().getName().equals("io.parley.command.server.Server"));

            // The store hands the server out as its snapshot, which the application's serializer reads back.
            DomainEventStream stream = eventStore.readEvents(aggregate);
            DomainEventMessage<?> first = stream.next();
            assertThat(first.getType()).isEqualTo("Server");
            assertThat(first.getSequenceNumber()).isGreaterThanOrEqualTo(99); // it stands for events 0 to 99 at least
            assertThat(first.getPayload().getClass().getName()).isEqualTo("io.parley.command.server.Server");

            // Members, channels, bans and invites all came back.
            post(member, general, "still here");
            assertError(target.request("servers.join", Map.of("code", code)), "forbidden");
            ok(owner, "servers.bans.delete", Map.of("server_id", server, "user_id", t));
            ok(target, "servers.join", Map.of("code", code));
            assertError(member.request("channels.create", Map.of("server_id", server, "name", "mine")), "forbidden");
            assertThat(ok(owner, "channels.load", Map.of("server_id", server)).get("data")).hasSize(1);
        }
    }

    private static JsonNode page(SocketClient client, Map<String, ?> params) {
        return ok(client, "channels.messages.load", params);
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.get("data").forEach(m -> texts.add(m.get("text").asText()));
        return texts;
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
