package io.parley.gateway.dialog;

import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin starts one dialog per set of users: asking again answers that dialog. */
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
}
