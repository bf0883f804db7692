package io.parley.gateway.dialog;

import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin starts one dialog per set of users: asking again, also at the same moment, answers that dialog. */
class AdminDialogTest extends ParleyTest {

    @Test
    void theSameUsersAgainGetTheirDialogAndNothingNew() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long c = Tokens.newUserId();
        String admin = Tokens.admin(Tokens.newUserId());
        try (SocketClient alice = connect(a); SocketClient bob = connect(b); SocketClient carol = connect(c)) {
            String url = baseUrl() + "/api/admin/dialogs";
            Rest.Response first = Rest.postJson(url, Map.of("user_ids", List.of(a, b)), admin);
            assertThat(first.status()).isEqualTo(201);
            long dialog = first.body().get("id").asLong();
            long events = storedEvents();

            // Again, in the other order, with a repeat: the same dialog, nothing stored.
            Rest.Response again = Rest.postJson(url, Map.of("user_ids", List.of(b, a, b)), admin);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body().get("id").asLong()).isEqualTo(dialog);
            assertThat(storedEvents()).isEqualTo(events);
            assertThat(alice.request("dialogs.load").get("meta").get("total").asInt()).isEqualTo(1);

            // Another set of users is another dialog.
            Rest.Response three = Rest.postJson(url, Map.of("user_ids", List.of(a, b, c)), admin);
            assertThat(three.status()).isEqualTo(201);
            assertThat(three.body().get("id").asLong()).isNotEqualTo(dialog);
            assertThat(bob.request("dialogs.load").get("meta").get("total").asInt()).isEqualTo(2);
            assertThat(carol.request("dialogs.load").get("meta").get("total").asInt()).isEqualTo(1);
        }
    }

    @Test
    void theSamePairAskedTwiceAtOnceGetsOneDialog() throws Exception {
        long adminId = Tokens.newUserId();
        String admin = Tokens.admin(adminId);
        String url = baseUrl() + "/api/admin/dialogs";
        long a0 = Tokens.newUserId();
        long b0 = Tokens.newUserId();
        ExecutorService twoAdmins = Executors.newFixedThreadPool(2);
        // Every user known beforehand (a socket registers its user), so that only dialogs are stored below.
        try (SocketClient known = connect(adminId); SocketClient a0Socket = connect(a0);
             SocketClient b0Socket = connect(b0)) {
            // What one dialog stores, to compare each race with.
            long before = storedEvents();
            assertThat(Rest.postJson(url, Map.of("user_ids", List.of(a0, b0)), admin).status()).isEqualTo(201);
            long oneDialog = storedEvents() - before;

            // A few rounds, each a fresh pair sent twice at the same moment, in both orders.
            for (int round = 0; round < 5; round++) {
                long a = Tokens.newUserId();
                long b = Tokens.newUserId();
                try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
                    long start = storedEvents();
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<Rest.Response> ab = twoAdmins.submit(() -> {
                        together.await();
                        return Rest.postJson(url, Map.of("user_ids", List.of(a, b)), admin);
                    });
                    Future<Rest.Response> ba = twoAdmins.submit(() -> {
                        together.await();
                        return Rest.postJson(url, Map.of("user_ids", List.of(b, a)), admin);
                    });
                    Rest.Response one = ab.get(30, TimeUnit.SECONDS);
                    Rest.Response other = ba.get(30, TimeUnit.SECONDS);

                    assertThat(List.of(one.status(), other.status())).as("round %d", round)
                                                                      .containsExactlyInAnyOrder(201, 200);
                    assertThat(one.body().get("id").asLong()).as("round %d", round)
                                                             .isEqualTo(other.body().get("id").asLong());
                    assertThat(storedEvents() - start).as("round %d: stored as one dialog", round)
                                                      .isEqualTo(oneDialog);
                    assertThat(alice.request("dialogs.load").get("meta").get("total").asInt()).isEqualTo(1);
                    assertThat(bob.request("dialogs.load").get("meta").get("total").asInt()).isEqualTo(1);
                }
            }
        } finally {
            twoAdmins.shutdownNow();
        }
    }
}
