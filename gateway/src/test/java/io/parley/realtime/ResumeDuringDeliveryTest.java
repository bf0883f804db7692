package io.parley.realtime;

import io.parley.realtime.push.PushStream;
import io.parley.realtime.api.PushCursor;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.PushPause;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket that connects while the push stream hands out a batch: the batch's pushes to its user went out
 * just before it was registered, and the stream has not yet counted the batch as released. Its catch-up
 * must still bring them, once.
 */
class ResumeDuringDeliveryTest extends ParleyTest {

    @Autowired
    PushPause pause;
    @Autowired
    PushStream pushStream;

    @Test
    void aSocketConnectingWhileABatchIsHandedOutGetsTheBatchsPushesOnce() throws InterruptedException {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bobFirst = connect(b)) {
            long dialog = startDialog(a, b);
            alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "before"));
            long since = bobFirst.await(f -> "before".equals(f.path("data").path("markdown_body").asText()))
                                 .get("seq").asLong();
            // Armed once the stream is past that batch, so that the next one is held.
            Await.until("the push stream released 'before'", () -> pushStream.released() >= PushCursor.position(since));
            pause.arm();
            try {
                alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "in the batch"));
                pause.awaitPaused();
                JsonNode live = bobFirst.await(f -> "in the batch".equals(f.path("data").path("markdown_body").asText()));
                try (SocketClient bobSecond = resume(b, since)) {
                    JsonNode caughtUp = bobSecond.await(
                            f -> "in the batch".equals(f.path("data").path("markdown_body").asText()));
                    assertThat(caughtUp.get("seq")).isEqualTo(live.get("seq"));
                    pause.release();
                    alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "after it"));
                    bobSecond.await(f -> "after it".equals(f.path("data").path("markdown_body").asText()));
                    assertThat(bobSecond.received().stream()
                                        .filter(f -> "in the batch".equals(f.path("data").path("markdown_body").asText())))
                            .hasSize(1);
                }
            } finally {
                pause.release();
            }
        }
    }
}
