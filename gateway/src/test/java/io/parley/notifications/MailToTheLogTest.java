package io.parley.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyNode;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no SMTP host a notification mail is noted in the log, one line each, and marked sent: the admin's
 * list shows it sent, and no mail leaves the node.
 */
@org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable(named = "PARLEY_TEST_AXONSERVER", matches = ".+",
        disabledReason = "its node must hold the email sender; on Axon Server the run is one deployment, whose sender the test's own context may hold")
class MailToTheLogTest {

    @Test
    void withNoSmtpHostEachMailIsOneLogLineAndMarkedSent() throws Exception {
        String database = TestDatabase.createAnother("mail_to_the_log");
        Path dir = Files.createTempDirectory("parley-mail-log-");
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (ParleyNode node = ParleyNode.start(database, dir, List.of("--spring.mail.host="));
             SocketClient alice = SocketClient.connect(node.port(), Tokens.forUser(a));
             SocketClient bob = SocketClient.connect(node.port(), Tokens.forUser(b))) {
            Rest.Response dialog = Rest.postJson(node.http() + "/api/admin/dialogs", Map.of("user_ids", List.of(a, b)),
                                                 Tokens.admin(Tokens.newUserId()));
            assertThat(dialog.status()).isEqualTo(201);
            List<Long> messages = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode reply = alice.request("dialogs.messages.create", Map.of(
                        "dialog_id", dialog.body().get("id").asLong(), "body", "note " + i));
                messages.add(reply.get("data").get("id").asLong());
            }
            String admin = Tokens.admin(Tokens.newUserId());
            Await.until("the three mails are marked sent", () -> sentTo(node, admin, b).containsAll(messages));
            List<String> noted = Files.readAllLines(node.log(), StandardCharsets.UTF_8).stream()
                                      .filter(line -> line.contains("to user" + b + "@example.org")
                                                      && line.contains("no SMTP host: noted here, not delivered"))
                                      .toList();
            assertThat(noted).hasSize(3);
            assertThat(TestSmtp.to("user" + b + "@example.org")).isEmpty();
        }
    }

    /** The dialog messages whose mail to this user the admin's list shows as sent. */
    private static List<Long> sentTo(ParleyNode node, String admin, long user) {
        Rest.Download listed = Rest.get(node.http() + "/api/admin/emails?status=sent&limit=500", admin);
        assertThat(listed.status()).isEqualTo(200);
        List<Long> messages = new ArrayList<>();
        try {
            for (JsonNode mail : new ObjectMapper().readTree(listed.body())) {
                if (mail.get("recipient_id").asLong() == user) {
                    messages.add(mail.get("message_id").asLong());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }
}
