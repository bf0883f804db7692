package io.parley.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servers API end to end, channels and messages: real sockets, real PostgreSQL. For every push, who
 * gets it and who does not: each socket's pushes about the server are compared, in order, after a barrier.
 */
class ServerFlowTest extends ServersApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void membersSeeChannelsAndMessagesAndTheOutsiderSeesNothing() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        long t = Tokens.newUserId();
        long x = Tokens.newUserId();
        try (SocketClient owner = connect(o); SocketClient ownerPhone = connect(o); SocketClient member = connect(m);
             SocketClient third = connect(t); SocketClient outsider = connect(x)) {

            // The creator owns the server and is its first member.
            JsonNode created = ok(owner, "servers.create", Map.of("name", "speed_cameras_hotspots"));
            assertThat(fieldNames(created.get("data"))).isEqualTo(SERVER_KEYS);
            assertThat(created.get("data").get("owner_id").asLong()).isEqualTo(o);
            assertThat(created.get("data").get("name").asText()).isEqualTo("speed_cameras_hotspots");
            assertThat(created.has("seq")).as("a reply is no push, and carries no cursor").isFalse();
            long server = created.get("data").get("id").asLong();
            assertThat(ok(owner, "servers.load", Map.of()).get("data").get(0)).isEqualTo(created.get("data"));

            // Joining by invite: user_joined to every member, the joiner included.
            JsonNode invite = ok(owner, "servers.invites.create", Map.of("server_id", server)).get("data");
            assertThat(fieldNames(invite)).isEqualTo(Set.of("code", "server_id", "expires"));
            assertThat(invite.get("expires").isNull()).isTrue();
            assertThat(invite.get("code").asText()).matches("[A-Za-z0-9_-]{16}");
            JsonNode joined = ok(member, "servers.join", Map.of("code", invite.get("code").asText()));
            assertThat(joined.get("data")).isEqualTo(created.get("data"));
            JsonNode memberJoined = push(owner, "user_joined");
            assertThat(fieldNames(memberJoined.get("data"))).isEqualTo(MEMBER_KEYS);
            assertThat(memberJoined.get("data").get("id").asLong()).isEqualTo(m);
            assertThat(memberJoined.get("data").get("server_id").asLong()).isEqualTo(server);
            assertThat(joined.has("seq")).isFalse();
            assertThat(push(member, "user_joined").get("data")).isEqualTo(memberJoined.get("data"));
            ok(third, "servers.join", Map.of("code", invite.get("code").asText()));
            assertThat(push(third, "user_joined").get("data").get("id").asLong()).isEqualTo(t);

            // A channel: channel_created to every member, the socket that asked included.
            JsonNode channelReply = ok(owner, "channels.create", Map.of("server_id", server, "name", "general"));
            JsonNode channel = channelReply.get("data");
            assertThat(fieldNames(channel)).isEqualTo(CHANNEL_KEYS);
            assertThat(channel.get("type").asInt()).isZero();
            assertThat(channel.get("server_id").asLong()).isEqualTo(server);
            long channelId = channel.get("id").asLong();
            JsonNode channelCreated = push(member, "channel_created");
            assertThat(channelCreated.get("data")).isEqualTo(channel);
            assertThat(push(ownerPhone, "channel_created")).isEqualTo(channelCreated);
            assertThat(push(owner, "channel_created")).isEqualTo(channelCreated);
            assertThat(ok(third, "channels.load", Map.of("server_id", server)).get("data").get(0)).isEqualTo(channel);

            // A member posts: message_created to every member, exactly the documented fields, sent = edited.
            JsonNode posted = ok(member, "channels.messages.create", Map.of("channel_id", channelId,
                                                                            "text", "its over guys"));
            JsonNode message = posted.get("data");
            assertThat(fieldNames(message)).isEqualTo(MESSAGE_KEYS);
            assertThat(message.get("author_id").asLong()).isEqualTo(m);
            assertThat(message.get("channel_id").asLong()).isEqualTo(channelId);
            assertThat(message.get("server_id").asLong()).isEqualTo(server);
            assertThat(message.get("text").asText()).isEqualTo("its over guys");
            assertThat(message.get("sent").asText()).matches(SERVERS_TIME);
            assertThat(message.get("edited").asText()).isEqualTo(message.get("sent").asText());
            long messageId = message.get("id").asLong();
            assertThat(push(owner, "message_created").get("data")).isEqualTo(message);
            assertThat(push(third, "message_created").get("data")).isEqualTo(message);
            JsonNode page = ok(third, "channels.messages.load", Map.of("channel_id", channelId));
            assertThat(page.get("data").get(0)).isEqualTo(message);
            assertThat(page.get("meta").get("total").asInt()).isEqualTo(1);

            // Only the author edits.
            assertError(third.request("channels.messages.edit", Map.of("message_id", messageId, "text", "mine")),
                        "forbidden");
            assertError(owner.request("channels.messages.edit", Map.of("message_id", messageId, "text", "mine")),
                        "forbidden");
            JsonNode edited = ok(member, "channels.messages.edit", Map.of("message_id", messageId,
                                                                          "text", "you_are_good_people"));
            assertThat(fieldNames(edited.get("data"))).isEqualTo(MESSAGE_EDITED_KEYS);
            assertThat(edited.get("data").get("edited").asText()).matches(SERVERS_TIME)
                                                                 .isNotEqualTo(message.get("sent").asText());
            JsonNode editPush = push(third, "message_edited");
            assertThat(editPush.get("data")).isEqualTo(edited.get("data"));
            assertThat(push(owner, "message_edited").get("data")).isEqualTo(edited.get("data"));

            // The author or the owner deletes; another member may not.
            assertError(third.request("channels.messages.delete", Map.of("message_id", messageId)), "forbidden");
            JsonNode deleted = ok(owner, "channels.messages.delete", Map.of("message_id", messageId));
            assertThat(fieldNames(deleted.get("data"))).isEqualTo(MESSAGE_DELETED_KEYS);
            assertThat(deleted.get("data").get("id").asLong()).isEqualTo(messageId);
            assertThat(push(member, "message_deleted").get("data")).isEqualTo(deleted.get("data"));
            long own = post(member, channelId, "mine to delete");
            ok(member, "channels.messages.delete", Map.of("message_id", own));
            assertThat(push(third, "message_deleted", own).get("data").get("id").asLong()).isEqualTo(own);
            assertThat(ok(member, "channels.messages.load", Map.of("channel_id", channelId)).get("data")).isEmpty();

            // The outsider: every request about the server is refused and changes nothing.
            long before = storedEvents();
            assertError(outsider.request("channels.load", Map.of("server_id", server)), "not_found");
            assertError(outsider.request("channels.messages.load", Map.of("channel_id", channelId)), "not_found");
            assertError(outsider.request("channels.messages.create", Map.of("channel_id", channelId, "text", "hi")),
                        "not_found");
            assertError(outsider.request("servers.members.load", Map.of("server_id", server)), "not_found");
            assertError(outsider.request("channels.create", Map.of("server_id", server, "name", "mine")),
                        "not_found");
            assertThat(storedEvents()).isEqualTo(before);
            assertThat(ok(outsider, "servers.load", Map.of()).get("data")).isEmpty();

            // A member may not change channels.
            assertError(member.request("channels.create", Map.of("server_id", server, "name", "mine")), "forbidden");
            assertError(member.request("channels.edit", Map.of("server_id", server, "channel_id", channelId,
                                                               "name", "mine")), "forbidden");

            // Channel edit, the type too: a voice channel takes no messages.
            JsonNode toVoice = ok(owner, "channels.edit", Map.of("server_id", server, "channel_id", channelId,
                                                                 "type", 1));
            assertThat(toVoice.get("data").get("type").asInt()).isEqualTo(1);
            assertThat(toVoice.get("data").get("name").asText()).isEqualTo("general");
            JsonNode channelEdited = push(member, "channel_edited");
            assertThat(fieldNames(channelEdited.get("data"))).isEqualTo(CHANNEL_KEYS);
            assertThat(channelEdited.get("data")).isEqualTo(toVoice.get("data"));
            assertError(member.request("channels.messages.create", Map.of("channel_id", channelId, "text", "hi")),
                        "bad_request");
            JsonNode renamed = ok(owner, "channels.edit", Map.of("server_id", server, "channel_id", channelId,
                                                                 "name", "shared_photos", "type", 0));
            assertThat(push(third, "channel_edited").get("data")).isEqualTo(channelEdited.get("data"));
            assertThat(push(third, "channel_edited").get("data")).isEqualTo(renamed.get("data"));
            long survivor = post(member, channelId, "in the doomed channel");

            // Deleting the channel makes its messages unreachable.
            JsonNode channelDeleted = ok(owner, "channels.delete", Map.of("server_id", server,
                                                                          "channel_id", channelId));
            assertThat(fieldNames(channelDeleted.get("data"))).isEqualTo(CHANNEL_DELETED_KEYS);
            assertThat(push(member, "channel_deleted").get("data")).isEqualTo(channelDeleted.get("data"));
            before = storedEvents();
            assertError(member.request("channels.messages.edit", Map.of("message_id", survivor, "text", "x")),
                        "not_found");
            assertError(owner.request("channels.messages.delete", Map.of("message_id", survivor)), "not_found");
            assertError(member.request("channels.messages.load", Map.of("channel_id", channelId)), "not_found");
            assertThat(storedEvents()).isEqualTo(before);
            assertThat(ok(member, "channels.load", Map.of("server_id", server)).get("data")).isEmpty();

            // Who got what, in order, once every push so far has arrived.
            barrier(owner, o);
            barrier(ownerPhone, o);
            barrier(member, m);
            barrier(third, t);
            barrier(outsider, x);
            // Every member's every socket got every push, its own writes' too.
            List<String> all = List.of("user_joined", "user_joined", "channel_created",
                                       "message_created", "message_edited", "message_deleted",
                                       "message_created", "message_deleted",
                                       "channel_edited", "channel_edited", "message_created", "channel_deleted");
            assertThat(names(pushesAbout(owner, server))).isEqualTo(all);
            assertThat(names(pushesAbout(ownerPhone, server))).isEqualTo(all);
            assertThat(names(pushesAbout(member, server))).isEqualTo(all);
            assertThat(names(pushesAbout(third, server))).containsExactly(
                    "user_joined", "channel_created",
                    "message_created", "message_edited", "message_deleted",
                    "message_created", "message_deleted",
                    "channel_edited", "channel_edited", "message_created", "channel_deleted");
            assertThat(pushesAbout(outsider, server)).isEmpty();
            assertSeqIncreases(ownerPhone.received());
        }
    }

    @Test
    void removedUsersGetTheirOwnUserLeftAndNothingAfter() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        long t = Tokens.newUserId();
        long x = Tokens.newUserId();
        try (SocketClient owner = connect(o); SocketClient member = connect(m); SocketClient target = connect(t);
             SocketClient outsider = connect(x)) {
            long server = createServer(owner, "moderated");
            String code = createInvite(owner, server);
            long channel = createChannel(owner, server, "general");
            ok(member, "servers.join", Map.of("code", code));
            ok(target, "servers.join", Map.of("code", code));
            assertThat(ok(owner, "servers.members.load", Map.of("server_id", server)).get("meta").get("total").asInt())
                    .isEqualTo(3);

            // Kick: the kicked user gets user_left too, and the reason is not told.
            JsonNode kicked = ok(owner, "servers.members.kick", Map.of("server_id", server, "user_id", t));
            assertThat(kicked.get("data")).isEqualTo(memberJson(t, server));
            JsonNode left = push(target, "user_left");
            assertThat(fieldNames(left.get("data"))).isEqualTo(MEMBER_KEYS);
            assertThat(left.get("data")).isEqualTo(memberJson(t, server));
            assertThat(push(member, "user_left").get("data")).isEqualTo(memberJson(t, server));
            post(member, channel, "after the kick");
            assertError(target.request("channels.messages.load", Map.of("channel_id", channel)), "not_found");
            assertError(target.request("servers.members.load", Map.of("server_id", server)), "not_found");
            assertThat(ok(target, "servers.load", Map.of()).get("data")).isEmpty();

            // Rejoin, then a ban without end: user_left to everyone, the banning socket too.
            ok(target, "servers.join", Map.of("code", code));
            JsonNode ban = ok(owner, "servers.bans.create", Map.of("server_id", server, "user_id", t));
            assertThat(fieldNames(ban.get("data"))).isEqualTo(Set.of("user_id", "server_id", "expires"));
            assertThat(ban.get("data").get("expires").isNull()).isTrue();
            assertThat(push(owner, "user_left").get("data")).isEqualTo(memberJson(t, server));
            assertThat(push(target, "user_left").get("data")).isEqualTo(memberJson(t, server));
            long before = storedEvents();
            assertError(target.request("servers.join", Map.of("code", code)), "forbidden");
            assertThat(storedEvents()).isEqualTo(before);
            JsonNode bans = ok(owner, "servers.bans.load", Map.of("server_id", server));
            assertThat(bans.get("data")).hasSize(1);
            assertThat(bans.get("data").get(0)).isEqualTo(ban.get("data"));
            assertThat(bans.get("meta").get("total").asInt()).isEqualTo(1);
            assertError(member.request("servers.bans.load", Map.of("server_id", server)), "forbidden");

            // Unban, rejoin.
            JsonNode unbanned = ok(owner, "servers.bans.delete", Map.of("server_id", server, "user_id", t));
            assertThat(fieldNames(unbanned.get("data"))).isEqualTo(Set.of("user_id", "server_id"));
            assertThat(ok(owner, "servers.bans.load", Map.of("server_id", server)).get("data")).isEmpty();
            ok(target, "servers.join", Map.of("code", code));

            // A ban that ends: refused until then, welcome after.
            Instant until = Instant.now().plusSeconds(3);
            JsonNode timed = ok(owner, "servers.bans.create", Map.of("server_id", server, "user_id", t,
                                                                     "expires", until.toString()));
            assertThat(timed.get("data").get("expires").asText()).matches(SERVERS_TIME);
            assertThat(ok(owner, "servers.bans.load", Map.of("server_id", server)).get("data").get(0))
                    .isEqualTo(timed.get("data"));
            assertError(target.request("servers.join", Map.of("code", code)), "forbidden");
            Await.until("the ban has expired", () -> Instant.now().isAfter(until));
            ok(target, "servers.join", Map.of("code", code));
            assertThat(ok(owner, "servers.bans.load", Map.of("server_id", server)).get("data")).isEmpty();

            // Banning someone who is no member removes nobody and pushes nothing.
            ok(owner, "servers.bans.create", Map.of("server_id", server, "user_id", x));
            assertError(outsider.request("servers.join", Map.of("code", code)), "forbidden");

            // Leaving: the owner may not; a member may, and the others are told.
            assertError(owner.request("servers.leave", Map.of("server_id", server)), "forbidden");
            JsonNode leave = ok(member, "servers.leave", Map.of("server_id", server));
            assertThat(leave.get("data")).isEqualTo(memberJson(m, server));
            assertThat(ok(member, "servers.load", Map.of()).get("data")).isEmpty();

            barrier(owner, o);
            barrier(member, m);
            barrier(target, t);
            barrier(outsider, x);
            assertThat(names(pushesAbout(owner, server))).containsExactly(
                    "channel_created", "user_joined", "user_joined",
                    "user_left", "message_created",
                    "user_joined", "user_left",
                    "user_joined",
                    "user_left", "user_joined",
                    "user_left");
            assertThat(names(pushesAbout(member, server))).containsExactly(
                    "user_joined", "user_joined",
                    "user_left", "message_created",
                    "user_joined", "user_left",
                    "user_joined",
                    "user_left", "user_joined",
                    "user_left");
            // The target: from its own joins to its own removals, and nothing while it was out.
            assertThat(names(pushesAbout(target, server))).containsExactly(
                    "user_joined",
                    "user_left",
                    "user_joined", "user_left",
                    "user_joined",
                    "user_left", "user_joined",
                    "user_left");
            assertThat(pushesAbout(outsider, server)).isEmpty();
        }
    }

    @Test
    void ownershipMovesToAMemberAndTheServerIsDeleted() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        long t = Tokens.newUserId();
        long x = Tokens.newUserId();
        try (SocketClient owner = connect(o); SocketClient member = connect(m); SocketClient third = connect(t);
             SocketClient outsider = connect(x)) {
            long server = createServer(owner, "handed_on");
            String code = createInvite(owner, server);
            ok(member, "servers.join", Map.of("code", code));
            ok(third, "servers.join", Map.of("code", code));

            long before = storedEvents();
            assertError(owner.request("servers.edit", Map.of("server_id", server, "owner_id", x)), "not_found");
            assertError(member.request("servers.edit", Map.of("server_id", server, "owner_id", m)), "forbidden");
            assertThat(storedEvents()).isEqualTo(before);

            // Only the owner changes: server_edited to the members, got_server_owner (the server's id) to
            // the new owner.
            JsonNode handed = ok(owner, "servers.edit", Map.of("server_id", server, "owner_id", m));
            assertThat(handed.get("data")).isEqualTo(serverJson(server, "handed_on", m));
            JsonNode edited = push(third, "server_edited");
            assertThat(fieldNames(edited.get("data"))).isEqualTo(SERVER_KEYS);
            assertThat(edited.get("data")).isEqualTo(handed.get("data"));
            JsonNode gotOwner = push(member, "got_server_owner");
            assertThat(fieldNames(gotOwner.get("data"))).isEqualTo(ID_KEYS);
            assertThat(gotOwner.get("data").get("id").asLong()).isEqualTo(server);
            // The event's second push: its own cursor, right after the first's.
            assertThat(gotOwner.get("seq").asLong()).isEqualTo(edited.get("seq").asLong() + 1);

            // The former owner may leave now, and the new one may not.
            ok(owner, "servers.leave", Map.of("server_id", server));
            assertError(member.request("servers.leave", Map.of("server_id", server)), "forbidden");
            assertError(owner.request("servers.edit", Map.of("server_id", server, "name", "mine again")), "not_found");
            ok(member, "servers.edit", Map.of("server_id", server, "name", "renamed"));
            assertThat(push(third, "server_edited").get("data")).isEqualTo(serverJson(server, "renamed", m));

            // Deleting: server_deleted to the members; afterwards nothing of it is left to reach.
            JsonNode deleted = ok(member, "servers.delete", Map.of("server_id", server));
            assertThat(deleted.get("data")).isEqualTo(idJson(server));
            JsonNode serverDeleted = push(third, "server_deleted");
            assertThat(fieldNames(serverDeleted.get("data"))).isEqualTo(ID_KEYS);
            assertThat(serverDeleted.get("data").get("id").asLong()).isEqualTo(server);
            assertThat(ok(third, "servers.load", Map.of()).get("data")).isEmpty();
            before = storedEvents();
            assertError(third.request("channels.load", Map.of("server_id", server)), "not_found");
            assertError(outsider.request("servers.join", Map.of("code", code)), "not_found");
            assertError(member.request("servers.edit", Map.of("server_id", server, "name", "back")), "not_found");
            assertThat(storedEvents()).isEqualTo(before);

            barrier(owner, o);
            barrier(member, m);
            barrier(third, t);
            barrier(outsider, x);
            assertThat(names(pushesAbout(owner, server))).containsExactly(
                    "user_joined", "user_joined", "server_edited", "user_left");
            assertThat(names(pushesAbout(member, server))).containsExactly(
                    "user_joined", "user_joined", "server_edited", "got_server_owner", "user_left", "server_edited",
                    "server_deleted");
            assertThat(names(pushesAbout(third, server))).containsExactly(
                    "user_joined", "server_edited", "user_left", "server_edited", "server_deleted");
            assertThat(pushesAbout(outsider, server)).isEmpty();
        }
    }

    private static JsonNode memberJson(long userId, long serverId) {
        return parsed(Map.of("id", userId, "server_id", serverId));
    }

    private static JsonNode serverJson(long id, String name, long ownerId) {
        return parsed(Map.of("id", id, "name", name, "owner_id", ownerId));
    }

    private static JsonNode idJson(long id) {
        return parsed(Map.of("id", id));
    }

    /** As a received frame has it (parsed numbers are int nodes where they fit), so that equals compares values. */
    private static JsonNode parsed(Map<String, Object> fields) {
        try {
            return JSON.readTree(JSON.writeValueAsString(fields));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSeqIncreases(List<JsonNode> frames) {
        long last = -1;
        for (JsonNode frame : frames) {
            if (frame.has("name")) {
                assertThat(frame.get("seq").asLong()).isGreaterThan(last);
                last = frame.get("seq").asLong();
            }
        }
    }
}
