package io.parley.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resume composes its pushes in batches, with its own reads of the read models (dialogs' participants,
 * the user's memberships, their count changes); a socket that stayed connected got the same events
 * live, one at a time. Both must see exactly the same pushes: every kind of dialog push and count
 * change, a server left, joined again and kicked from, a server handed over and deleted, and none of
 * the dialogs and servers the user is not in.
 */
class ResumeMatchesLiveTest extends ServersApiTest {

    long postIn(SocketClient author, long dialog, String body) {
        return author.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", body))
                     .get("data").get("id").asLong();
    }

    @Test
    void aResumedSocketGetsWhatAConnectedOneGotLive() {
        long u = Tokens.newUserId();
        long x = Tokens.newUserId();
        long y = Tokens.newUserId();
        long o = Tokens.newUserId();
        try (SocketClient live = connect(u); SocketClient act = connect(u); SocketClient xs = connect(x);
             SocketClient ys = connect(y); SocketClient os = connect(o)) {
            long since = live.hello().get("data").get("seq").asLong();
            long ours = startDialog(u, x);
            long theirs = startDialog(x, y);
            long server = createServer(os, "shared");
            long channel = createChannel(os, server, "general");
            String code = createInvite(os, server);
            ok(act, "servers.join", Map.of("code", code));
            ok(xs, "servers.join", Map.of("code", code));
            long elsewhere = createServer(ys, "not ours");
            long elsewhereChannel = createChannel(ys, elsewhere, "general");

            // Dialogs: created, seen (count down), edited, deleted unread (count down); others' dialog too.
            long first = postIn(xs, ours, "first");
            postIn(xs, theirs, "not for u");
            act.request("dialogs.messages.seen", Map.of("dialog_id", ours, "message_id", first));
            xs.request("dialogs.messages.edit", Map.of("message_id", first, "body", "first, edited"));
            long doomed = postIn(xs, ours, "doomed");
            xs.request("dialogs.messages.delete", Map.of("message_id", doomed));
            long seenByY = postIn(xs, theirs, "also not for u");
            ys.request("dialogs.messages.seen", Map.of("dialog_id", theirs, "message_id", seenByY));
            postIn(act, ours, "from u");

            // A server: left, joined again, kicked; talk in between; a server u is never in.
            post(xs, channel, "while a member");
            ok(act, "servers.leave", Map.of("server_id", server));
            post(xs, channel, "while away");
            post(ys, elsewhereChannel, "elsewhere");
            ok(act, "servers.join", Map.of("code", code));
            post(xs, channel, "member again");
            long other = createChannel(os, server, "other");
            ok(os, "channels.edit", Map.of("server_id", server, "channel_id", other, "name", "renamed", "type", 0));
            ok(os, "channels.delete", Map.of("server_id", server, "channel_id", other));
            ok(os, "servers.members.kick", Map.of("server_id", server, "user_id", u));
            post(xs, channel, "after the kick");
            ok(os, "servers.edit", Map.of("server_id", server, "name", "renamed without u"));

            // A server handed over to u, then deleted by u.
            long handed = createServer(os, "handed over");
            ok(act, "servers.join", Map.of("code", createInvite(os, handed)));
            ok(os, "servers.edit", Map.of("server_id", handed, "owner_id", u));
            ok(act, "servers.delete", Map.of("server_id", handed));

            barrier(live, u);
            long upTo = live.received().stream().mapToLong(f -> f.path("seq").asLong(-1)).max().orElseThrow();
            try (SocketClient back = SocketClient.connect(URI.create("ws://localhost:" + port + "/ws/?token="
                                                                             + Tokens.forUser(u) + "&since=" + since))) {
                back.await(f -> f.path("seq").asLong() == upTo);
                List<String> resumed = pushes(back, upTo);
                List<String> delivered = pushes(live, upTo);
                assertThat(resumed).isEqualTo(delivered);
                assertThat(resumed).anyMatch(p -> p.contains("dialogs.messages.seen"))
                                   .anyMatch(p -> p.contains("dialogs.messages.edit"))
                                   .anyMatch(p -> p.contains("dialogs.messages.delete"))
                                   .anyMatch(p -> p.contains("notifications.dialogs.count"))
                                   .anyMatch(p -> p.contains("member again"))
                                   .anyMatch(p -> p.contains("got_server_owner"))
                                   .anyMatch(p -> p.contains("server_deleted"))
                                   .noneMatch(p -> p.contains("\"dialog\":" + theirs) || p.contains("while away")
                                           || p.contains("elsewhere") || p.contains("after the kick")
                                           || p.contains("renamed without u"));
            }
        }
    }

    /**
     * The socket's pushes up to {@code upTo}. A dialog message shows the read model as it was when its
     * push was composed (a later edit or read shows in a resume), so those fields are left out.
     */
    static List<String> pushes(SocketClient client, long upTo) {
        return client.received().stream()
                     .filter(f -> f.has("seq") && !f.has("request_id") && !"hello".equals(f.path("event").asText()))
                     .filter(f -> f.get("seq").asLong() <= upTo)
                     .map(f -> {
                         JsonNode copy = f.deepCopy();
                         if (copy.path("data").has("body_html")) {
                             ((ObjectNode) copy.get("data")).remove(List.of("body", "body_html", "markdown_body", "date_read"));
                         }
                         return copy.toString();
                     })
                     .toList();
    }
}
