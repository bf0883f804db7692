package io.parley.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every push of the servers API reaches every socket of every entitled user, the socket whose request
 * caused it included, once each; and a dialogs write is answered by one frame, its push's.
 */
class EveryPushToEverySocketTest extends ServersApiTest {

    /** A push that the acting socket received, with the sockets that must each receive it once. */
    private record Expected(String what, long seq, List<SocketClient> receivers) {
    }

    private final List<Expected> expected = new ArrayList<>();

    /**
     * The acting socket's copy of the push the action just caused: the first push of that name after
     * everything the socket had received before the action.
     */
    private JsonNode pushOf(SocketClient actor, long before, String name) {
        return actor.await(f -> name.equals(f.path("name").asText()) && f.path("seq").asLong() > before);
    }

    private static long lastSeq(SocketClient client) {
        return client.received().stream().mapToLong(f -> f.path("seq").asLong(-1)).max().orElse(-1);
    }

    /** The cursor of the socket's last expected push, once it has arrived (pushes arrive in cursor order). */
    private long caughtUp(SocketClient socket) {
        long last = expected.stream().filter(e -> e.receivers().contains(socket)).mapToLong(Expected::seq).max()
                            .orElse(-1);
        Await.until("the socket's earlier pushes", () -> lastSeq(socket) >= last);
        return last;
    }

    /** Runs the action on the acting socket, and notes its push for these receivers. */
    private void expect(String what, SocketClient actor, String name, List<SocketClient> receivers, Runnable action) {
        SocketClient first = receivers.contains(actor) ? actor : receivers.get(0);
        long before = caughtUp(first);
        action.run();
        expected.add(new Expected(what, pushOf(first, before, name).get("seq").asLong(), receivers));
    }

    @Test
    void eachServersPushReachesTheActingSocketTheActorsOtherSocketAndEveryOtherMemberOnce() {
        long o = Tokens.newUserId();
        long m = Tokens.newUserId();
        long k = Tokens.newUserId();
        long x = Tokens.newUserId();
        try (SocketClient oA = connect(o); SocketClient oB = connect(o); SocketClient mA = connect(m);
             SocketClient mB = connect(m); SocketClient kA = connect(k); SocketClient outsider = connect(x)) {
            List<SocketClient> everySocket = List.of(oA, oB, mA, mB, kA, outsider);
            long server = createServer(oA, "every_socket");
            String code = createInvite(oA, server);

            expect("m joins", mA, "user_joined", List.of(oA, oB, mA, mB),
                   () -> ok(mA, "servers.join", Map.of("code", code)));
            expect("k joins", kA, "user_joined", List.of(oA, oB, mA, mB, kA),
                   () -> ok(kA, "servers.join", Map.of("code", code)));
            List<SocketClient> members = List.of(oA, oB, mA, mB, kA);
            long[] channel = new long[1];
            expect("channels.create", oA, "channel_created", members,
                   () -> channel[0] = createChannel(oA, server, "general"));
            expect("channels.edit", oA, "channel_edited", members,
                   () -> ok(oA, "channels.edit", Map.of("server_id", server, "channel_id", channel[0], "name", "renamed")));
            long[] message = new long[1];
            expect("channels.messages.create by the owner", oA, "message_created", members,
                   () -> message[0] = post(oA, channel[0], "from the owner"));
            expect("channels.messages.create by a member", mA, "message_created", members,
                   () -> post(mA, channel[0], "from a member"));
            expect("channels.messages.edit", oA, "message_edited", members,
                   () -> ok(oA, "channels.messages.edit", Map.of("message_id", message[0], "text", "edited")));
            expect("channels.messages.delete", oA, "message_deleted", members,
                   () -> ok(oA, "channels.messages.delete", Map.of("message_id", message[0])));
            expect("channels.delete", oA, "channel_deleted", members,
                   () -> ok(oA, "channels.delete", Map.of("server_id", server, "channel_id", channel[0])));
            expect("servers.edit (name)", oA, "server_edited", members,
                   () -> ok(oA, "servers.edit", Map.of("server_id", server, "name", "renamed")));
            expect("servers.members.kick", oA, "user_left", members,
                   () -> ok(oA, "servers.members.kick", Map.of("server_id", server, "user_id", k)));
            ok(kA, "servers.join", Map.of("code", code));
            expect("servers.bans.create", oA, "user_left", members,
                   () -> ok(oA, "servers.bans.create", Map.of("server_id", server, "user_id", k)));
            List<SocketClient> ownerAndMember = List.of(oA, oB, mA, mB);
            expect("servers.leave", mA, "user_left", ownerAndMember,
                   () -> ok(mA, "servers.leave", Map.of("server_id", server)));
            ok(mA, "servers.join", Map.of("code", code));
            long before = caughtUp(mA);
            expect("servers.edit (owner)", oA, "server_edited", ownerAndMember,
                   () -> ok(oA, "servers.edit", Map.of("server_id", server, "owner_id", m)));
            expected.add(new Expected("got_server_owner", pushOf(mA, before, "got_server_owner").get("seq").asLong(),
                                      List.of(mA, mB)));
            expect("servers.delete by the new owner", mA, "server_deleted", ownerAndMember,
                   () -> ok(mA, "servers.delete", Map.of("server_id", server)));
            long alone = createServer(oA, "alone");
            expect("servers.delete by its last member", oA, "server_deleted", List.of(oA, oB),
                   () -> ok(oA, "servers.delete", Map.of("server_id", alone)));

            // Every push sent so far has arrived everywhere: pushes go out in stream order.
            barrier(oA, o);
            barrier(oB, o);
            barrier(mA, m);
            barrier(mB, m);
            barrier(kA, k);
            barrier(outsider, x);
            for (Expected push : expected) {
                for (SocketClient socket : everySocket) {
                    long copies = socket.received().stream().filter(f -> f.path("seq").asLong(-1) == push.seq()).count();
                    assertThat(copies).as(push.what() + " at socket " + everySocket.indexOf(socket))
                                      .isEqualTo(push.receivers().contains(socket) ? 1 : 0);
                }
            }
        }
    }

    @Test
    void aDialogsWriteIsAnsweredByOneFrameThatCarriesItsPushsCursor() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient aA = connect(a); SocketClient aB = connect(a); SocketClient bA = connect(b)) {
            long dialog = startDialog(a, b);
            JsonNode reply = aA.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "one frame"));
            long id = reply.get("data").get("id").asLong();
            long seq = reply.get("seq").asLong();
            assertThat(aB.awaitEvent("dialogs.messages.create").get("seq").asLong()).isEqualTo(seq);
            assertThat(bA.awaitEvent("dialogs.messages.create").get("seq").asLong()).isEqualTo(seq);
            JsonNode edited = aA.request("dialogs.messages.edit", Map.of("message_id", id, "body", "edited"));
            assertThat(aB.awaitEvent("dialogs.messages.edit").get("seq")).isEqualTo(edited.get("seq"));
            JsonNode seen = bA.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", id));
            assertThat(seen.get("user").asLong()).isEqualTo(b);
            assertThat(aA.awaitEvent("dialogs.messages.seen").get("seq")).isEqualTo(seen.get("seq"));
            // A write that changes nothing (seen again) stands for no push: a reply without a cursor.
            JsonNode again = bA.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", id));
            assertThat(again.get("data").get("id").asLong()).isEqualTo(id);
            assertThat(again.has("seq")).isFalse();
            JsonNode deleted = aA.request("dialogs.messages.delete", Map.of("message_id", id));
            assertThat(bA.awaitEvent("dialogs.messages.delete").get("seq")).isEqualTo(deleted.get("seq"));

            barrier(aA, a);
            // The acting socket got one frame per write: the reply, which stood for its push.
            for (String event : List.of("dialogs.messages.create", "dialogs.messages.edit", "dialogs.messages.delete")) {
                assertThat(aA.received().stream().filter(f -> event.equals(f.path("event").asText())).toList())
                        .as(event).hasSize(1).allMatch(f -> f.has("request_id") && f.has("seq"));
            }
        }
    }
}
