package io.parley.realtime;

import io.parley.api.dialog.PostDialogMessage;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a resume of 10,000 missed events takes on this machine. It prints the figure (see
 * docs/benchmarks.md); what it asserts is only that every one of them arrived, in order.
 */
class ResumeFigureTest extends ParleyTest {

    static final int MISSED = 10_000;

    @Autowired
    CommandGateway commands;

    @Test
    void resumingTenThousandMissedEvents() {
        long reader = Tokens.newUserId();
        long writer = Tokens.newUserId();
        long since;
        long dialog;
        try (SocketClient first = connect(reader); SocketClient w = connect(writer)) {
            dialog = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(reader, writer)),
                                   Tokens.admin(Tokens.newUserId())).body().get("id").asLong();
            since = w.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "start")).get("seq").asLong();
            first.await(f -> f.path("seq").asLong() == since);
        }
        // The missed events, straight through the command bus: the figure is about the resume, not the writes.
        long base = 8_000_000_000_000L + Tokens.newUserId() * 100_000;
        for (int i = 0; i < MISSED; i++) {
            commands.sendAndWait(new PostDialogMessage(dialog, base + i, writer, "missed " + i, null, null));
        }

        long started = System.nanoTime();
        try (SocketClient back = SocketClient.connect(URI.create("ws://localhost:" + port + "/ws/?token="
                                                                         + Tokens.forUser(reader) + "&since=" + since))) {
            back.await(f -> f.path("data").path("id").asLong() == base + MISSED - 1, Duration.ofSeconds(120));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.printf("FIGURE resume: %d missed events delivered in %d ms (%.0f events/s)%n", MISSED, millis,
                              MISSED * 1000.0 / Math.max(1, millis));
            List<Long> ids = back.received().stream()
                                 .filter(f -> "dialogs.messages.create".equals(f.path("event").asText()))
                                 .map(f -> f.get("data").get("id").asLong()).toList();
            assertThat(ids).hasSize(MISSED);
            for (int i = 0; i < MISSED; i++) {
                assertThat(ids.get(i)).isEqualTo(base + i);
            }
        }
    }
}
