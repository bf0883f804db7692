package io.parley.gateway.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.MetricLines;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator on Parley's own port, as a load balancer and an operator meet it: open health probes,
 * metrics for admins only, and metrics that move with what users do.
 */
class OperationsEndpointsTest extends ParleyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void probesAnswerWithoutAToken() {
        Rest.Download live = Rest.get(baseUrl() + "/actuator/health/liveness", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(text(live)).contains("\"status\":\"UP\"");
        // Ready once the push stream is at the store's head: earlier tests' pushes may still be going out.
        Await.until("readiness answers 200", () -> Rest.get(baseUrl() + "/actuator/health/readiness", null).status() == 200);
        assertThat(text(Rest.get(baseUrl() + "/actuator/health/readiness", null))).contains("\"status\":\"UP\"");
        assertThat(Rest.get(baseUrl() + "/readyz", null).status()).isEqualTo(200);
        assertThat(Rest.get(baseUrl() + "/livez", null).status()).isEqualTo(200);
    }

    @Test
    void metricsAnswerAnAdminOnly() throws Exception {
        Rest.Download anonymous = Rest.get(baseUrl() + "/actuator/prometheus", null);
        assertThat(anonymous.status()).isEqualTo(401);
        JsonNode refusal = JSON.readTree(anonymous.body());
        assertThat(refusal.get("code").asText()).isEqualTo("unauthorized");
        assertThat(refusal.get("message").asText()).contains("Authorization header");

        Rest.Download user = Rest.get(baseUrl() + "/actuator/prometheus", Tokens.forUser(Tokens.newUserId()));
        assertThat(user.status()).isEqualTo(403);
        assertThat(JSON.readTree(user.body()).get("code").asText()).isEqualTo("forbidden");

        assertThat(Rest.get(baseUrl() + "/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(Rest.get(baseUrl() + "/actuator", Tokens.forUser(Tokens.newUserId())).status()).isEqualTo(403);
        assertThat(Rest.get(baseUrl() + "/actuator/prometheus", Tokens.badSignature(Tokens.newUserId())).status())
                .isEqualTo(401);

        Rest.Download admin = Rest.get(baseUrl() + "/actuator/prometheus", Tokens.admin(Tokens.newUserId()));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(text(admin)).contains("parley_sockets_open");
    }

    @Test
    void metricsFollowWhatUsersDo() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            MetricLines before = scrape();
            assertThat(before.value("parley_sockets_open").orElseThrow()).isGreaterThanOrEqualTo(2);

            JsonNode posted = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "counted"));
            assertThat(posted.has("error")).as("post answered %s", posted).isFalse();
            bob.awaitEvent("dialogs.messages.create");

            Map<String, String> post = Map.of("command", "PostDialogMessage", "outcome", "stored");
            MetricLines after = scrape();
            assertThat(after.valueOrMissing("parley_commands_seconds_count", post))
                    .isGreaterThan(before.value("parley_commands_seconds_count", post).orElse(0));
            assertThat(after.valueOrMissing("parley_commands_seconds_sum", post)).isPositive();
            // Alice's socket got the push as her reply, bob's as news: two sockets reached at least. A push
            // is counted just after it is handed to its socket, which the client may already have read.
            double pushesBefore = before.value("parley_pushes_total").orElseThrow();
            Await.until("both pushes counted",
                        () -> scrape().valueOrMissing("parley_pushes_total", Map.of()) >= pushesBefore + 2);

            // The database side is read once a second: the figures catch up with the post.
            Await.until("the processors and the push stream reach the post, and its mail is counted", () -> {
                MetricLines now = scrape();
                double head = now.valueOrMissing("parley_store_head", Map.of());
                return head > 0
                       && now.valueOrMissing("parley_push_lag_events", Map.of()) == 0
                       && now.valueOrMissing("parley_processor_position", Map.of("processor", "projections")) >= head
                       && now.valueOrMissing("parley_processor_lag_events", Map.of("processor", "projections")) == 0
                       && now.valueOrMissing("parley_processor_position", Map.of("processor", "dialog-email")) >= head;
            });
            MetricLines settled = scrape();
            assertThat(settled.lines("parley_processor_owner"))
                    .anySatisfy(line -> assertThat(line).contains("processor=\"projections\"")
                                                        .containsPattern("owner=\"[^\"]+@[^\"]+\"").endsWith(" 1.0"));
            assertThat(settled.value("parley_email_queue")).isPresent();

            // A mail given up on shows in the dead count at the next refresh (and only while it is dead).
            double deadBefore = settled.value("parley_email_dead").orElseThrow();
            long message = Tokens.newUserId();
            TestDatabase.execute("insert into email_outbox (message_id, recipient_id, recipient_email, subject, html, "
                                 + "text, status, attempts, next_attempt_at, created_at) values (" + message + ", " + b
                                 + ", 'gone@example.org', 's', 'h', 't', 'dead', 5, now(), now())");
            try {
                Await.until("the dead mail is counted",
                            () -> scrape().valueOrMissing("parley_email_dead", Map.of()) == deadBefore + 1);
            } finally {
                TestDatabase.execute("delete from email_outbox where message_id = " + message);
            }
        }
    }

    private MetricLines scrape() {
        Rest.Download scrape = Rest.get(baseUrl() + "/actuator/prometheus", Tokens.admin(Tokens.newUserId()));
        assertThat(scrape.status()).isEqualTo(200);
        return new MetricLines(text(scrape));
    }

    private static String text(Rest.Download download) {
        return new String(download.body(), StandardCharsets.UTF_8);
    }
}
