package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/dialogs/new-message/ and the admin's PUT /api/admin/users/{id}/reviewer. */
class ReviewerDialogTest extends ParleyTest {

    Rest.Response newMessage(long user, Object body) {
        return Rest.postJson(baseUrl() + "/api/dialogs/new-message/", body, Tokens.forUser(user));
    }

    Rest.Response assign(long user, long reviewer, String token) {
        return Rest.put(baseUrl() + "/api/admin/users/" + user + "/reviewer", Map.of("reviewer_id", reviewer), token);
    }

    @Test
    void aUserWritesToTheirReviewerInOneDialogOpenedOnFirstUse() {
        long student = Tokens.newUserId();
        long reviewer = Tokens.newUserId();
        String admin = Tokens.admin(Tokens.newUserId());
        try (SocketClient studentSocket = connect(student); SocketClient reviewerSocket = connect(reviewer)) {
            long before = storedEvents();
            Rest.Response noReviewer = newMessage(student, Map.of("body", "anyone?"));
            assertThat(noReviewer.status()).isEqualTo(403);
            assertThat(noReviewer.body().get("code").asText()).isEqualTo("forbidden");
            assertThat(storedEvents()).isEqualTo(before);

            assertThat(assign(student, reviewer, Tokens.forUser(student)).status()).as("not an admin").isEqualTo(403);
            assertThat(assign(student, 9_000_000_000L, admin).status()).isEqualTo(404);
            assertThat(assign(student, student, admin).status()).isEqualTo(400);
            assertThat(assign(student, reviewer, admin).status()).isEqualTo(200);

            assertThat(newMessage(student, Map.of("body", "  ")).status()).isEqualTo(400);
            assertThat(newMessage(student, Map.of("body", 5)).status()).isEqualTo(400);
            assertThat(studentSocket.request("dialogs.load").get("data")).as("no dialog from refused input").isEmpty();

            Rest.Response first = newMessage(student, Map.of("body", "Please review my *work*"));
            assertThat(first.status()).isEqualTo(201);
            JsonNode message = first.body();
            assertThat(message.get("body_html").asText()).isEqualTo("<p>Please review my <em>work</em></p>\n");
            long dialog = message.get("dialog").asLong();

            // The same pushes as a socket create: the reviewer, and the student's own sockets too.
            assertThat(reviewerSocket.awaitEvent("dialogs.messages.create").get("data")).isEqualTo(message);
            assertThat(reviewerSocket.awaitEvent("notifications.dialogs.count").get("data").asInt()).isEqualTo(1);
            assertThat(studentSocket.awaitEvent("dialogs.messages.create").get("data")).isEqualTo(message);
            Await.until("the reviewer's email", () -> TestSmtp.to("user" + reviewer + "@example.org").size() == 1);

            Rest.Response second = newMessage(student, Map.of("body", "ping"));
            assertThat(second.body().get("dialog").asLong()).isEqualTo(dialog);
            JsonNode dialogs = studentSocket.request("dialogs.load").get("data");
            assertThat(dialogs).hasSize(1);
            assertThat(dialogs.get(0).get("user").get("id").asLong()).isEqualTo(reviewer);
        }
    }

    @Test
    void anonymousCallsAreRefused() {
        assertThat(Rest.postJson(baseUrl() + "/api/dialogs/new-message/", Map.of("body", "hi"), null).status())
                .isEqualTo(401);
        assertThat(Rest.put(baseUrl() + "/api/admin/users/1/reviewer", Map.of("reviewer_id", 2), null).status())
                .isEqualTo(401);
    }
}
