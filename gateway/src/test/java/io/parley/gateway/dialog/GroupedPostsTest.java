package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Dialog posts committed together: all of a group or none, and every post answered as if sent alone. */
class GroupedPostsTest extends ParleyTest {

    @Autowired
    GroupedPosts groups;

    @Autowired
    IdAllocator ids;

    @Autowired
    Sides sides;

    private GroupedPosts.Post post(long dialog, long author, String body, String nonce) {
        return new GroupedPosts.Post(new PostDialogMessage(dialog, ids.next(), author, body, null, nonce), null);
    }

    private static Sides.Written written(GroupedPosts.Post post) throws Exception {
        return post.written().get();
    }

    /** Alice and Bob in a new dialog, and Carol outside it, each connected. */
    private final class DialogAndOutsider implements AutoCloseable {
        final long a = Tokens.newUserId();
        final long b = Tokens.newUserId();
        final long outsider = Tokens.newUserId();
        final SocketClient alice = connect(a);
        final SocketClient bob = connect(b);
        final SocketClient carol = connect(outsider);
        final long dialog = startDialog(a, b);

        @Override
        public void close() {
            alice.close();
            bob.close();
            carol.close();
        }
    }

    @Test
    void aGroupIsStoredInOneTransactionAndEachPostGetsItsOwnResult() throws Exception {
        // With Axon Server each command commits where it is handled: there are no groups to store.
        assumeTrue(sides.groupable(), "posts are grouped only where they are appended here");
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            long before = storedEvents();
            List<GroupedPosts.Post> group = List.of(post(dialog, a, "one", null), post(dialog, b, "two", null),
                                                    post(dialog, a, "three", null));
            groups.send(group);
            for (GroupedPosts.Post p : group) {
                assertThat(((Number) written(p).result()).longValue()).isEqualTo(p.command().messageId());
                // One commit: every post of the group reports the group's last position.
                assertThat(written(p).position()).isEqualTo(written(group.get(2)).position());
            }
            assertThat(storedEvents()).isEqualTo(before + 3);
            // Sent directly, not as a request: wait for the read models here, as a post does.
            sides.awaitVisible(written(group.get(2)).position());
            JsonNode loaded = alice.request("dialogs.messages.load", Map.of("dialog_id", dialog)).get("data");
            List<String> bodies = new ArrayList<>();
            loaded.forEach(m -> bodies.add(m.get("markdown_body").asText()));
            assertThat(bodies).containsExactlyInAnyOrder("one", "two", "three");
        }
    }

    @Test
    void aRefusedPostInAGroupGetsItsRefusalWhileTheOthersAreStoredOnce() throws Exception {
        try (DialogAndOutsider users = new DialogAndOutsider()) {
            long before = storedEvents();
            GroupedPosts.Post first = post(users.dialog, users.a, "first", null);
            GroupedPosts.Post refused = post(users.dialog, users.outsider, "let me in", null);
            GroupedPosts.Post once = post(users.dialog, users.b, "once", "n-1");
            GroupedPosts.Post again = post(users.dialog, users.b, "once", "n-1");
            groups.send(List.of(first, refused, once, again));

            assertThat(((Number) written(first).result()).longValue()).isEqualTo(first.command().messageId());
            ExecutionException failure = catchThrowableOfType(() -> refused.written().get(), ExecutionException.class);
            assertThat(failure.getCause()).isInstanceOf(ApiError.class);
            assertThat(((ApiError) failure.getCause()).code()).isEqualTo("not_found");
            // The repeated nonce answers the first message of that nonce, as it does alone.
            assertThat(((Number) written(once).result()).longValue()).isEqualTo(once.command().messageId());
            assertThat(((Number) written(again).result()).longValue()).isEqualTo(once.command().messageId());
            // The group was rolled back and its posts sent again one by one: two messages, each stored once.
            assertThat(storedEvents()).isEqualTo(before + 2);
            sides.awaitVisible(Math.max(written(first).position(), written(once).position()));
            JsonNode loaded = users.alice.request("dialogs.messages.load", Map.of("dialog_id", users.dialog))
                                         .get("data");
            assertThat(loaded).hasSize(2);
        }
    }

    @Test
    void postsSentAtOnceFromManySocketsEachGetTheirOwnMessageAndSeq() throws Exception {
        int pairs = 10;
        int perClient = 10;
        List<SocketClient> sockets = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Set<Long> seqs = Collections.synchronizedSet(new HashSet<>());
        try {
            List<Thread> posting = new ArrayList<>();
            List<SocketClient> partners = new ArrayList<>();
            List<Long> authors = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                long a = Tokens.newUserId();
                long b = Tokens.newUserId();
                SocketClient author = connect(a);
                SocketClient partner = connect(b);
                sockets.add(author);
                sockets.add(partner);
                partners.add(partner);
                authors.add(a);
                long dialog = startDialog(a, b);
                posting.add(new Thread(() -> {
                    try {
                        for (int n = 0; n < perClient; n++) {
                            String body = "post " + n + " of " + a;
                            JsonNode reply = author.request("dialogs.messages.create",
                                                            Map.of("dialog_id", dialog, "body", body));
                            JsonNode message = reply.get("data");
                            assertThat(message.get("markdown_body").asText()).isEqualTo(body);
                            assertThat(message.get("dialog").asLong()).isEqualTo(dialog);
                            // The reply's seq is this message's own push cursor, whatever group it went in.
                            assertThat(seqs.add(reply.get("seq").asLong())).isTrue();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            posting.forEach(Thread::start);
            for (Thread t : posting) {
                t.join(60_000);
            }
            assertThat(failures).isEmpty();
            assertThat(seqs).hasSize(pairs * perClient);
            for (int i = 0; i < pairs; i++) {
                for (int n = 0; n < perClient; n++) {
                    assertThat(partners.get(i).awaitEvent("dialogs.messages.create").get("data").get("markdown_body").asText())
                            .isEqualTo("post " + n + " of " + authors.get(i));
                }
            }
        } finally {
            sockets.forEach(SocketClient::close);
        }
    }

    @Test
    void postsSentWithoutWaitingAreEachAnsweredOnceAndStoredInTheOrderSent() throws Exception {
        try (DialogAndOutsider users = new DialogAndOutsider()) {
            long before = storedEvents();
            // More than a socket may leave waiting for their replies (the rest wait on the request thread).
            int posts = 50;
            List<String> requests = new ArrayList<>();
            for (int n = 0; n < posts; n++) {
                requests.add(users.alice.send("dialogs.messages.create",
                                              Map.of("dialog_id", users.dialog, "body", "quick " + n)));
            }
            String repeated = users.alice.send("dialogs.messages.create",
                                               Map.of("dialog_id", users.dialog, "body", "quick 0 again", "nonce", "q-1"));
            String repeatedAgain = users.alice.send("dialogs.messages.create",
                                                    Map.of("dialog_id", users.dialog, "body", "quick 0 again", "nonce", "q-1"));
            String refused = users.carol.send("dialogs.messages.create",
                                              Map.of("dialog_id", users.dialog, "body", "let me in"));
            String count = users.alice.send("notifications.dialogs.count", Map.of());

            Set<Long> ids = new HashSet<>();
            for (int n = 0; n < posts; n++) {
                JsonNode reply = users.alice.awaitReply(requests.get(n));
                assertThat(reply.get("data").get("markdown_body").asText()).isEqualTo("quick " + n);
                assertThat(ids.add(reply.get("data").get("id").asLong())).isTrue();
            }
            long first = users.alice.awaitReply(repeated).get("data").get("id").asLong();
            assertThat(users.alice.awaitReply(repeatedAgain).get("data").get("id").asLong()).isEqualTo(first);
            assertThat(ids.add(first)).isTrue();
            JsonNode refusal = users.carol.awaitReply(refused);
            assertThat(refusal.get("error").get("code").asText()).isEqualTo("not_found");
            assertThat(users.alice.awaitReply(count).get("data").asInt()).isZero();
            // Every request was answered once.
            assertThat(users.alice.received().stream().filter(frame -> frame.has("request_id"))
                            .map(frame -> frame.get("request_id").asText()))
                    .doesNotHaveDuplicates().hasSize(posts + 3);

            for (int n = 0; n < posts; n++) {
                assertThat(users.bob.awaitEvent("dialogs.messages.create").get("data").get("markdown_body").asText())
                        .isEqualTo("quick " + n);
            }
            assertThat(users.bob.awaitEvent("dialogs.messages.create").get("data").get("id").asLong()).isEqualTo(first);
            assertThat(storedEvents()).isEqualTo(before + posts + 1);
        }
    }
}
