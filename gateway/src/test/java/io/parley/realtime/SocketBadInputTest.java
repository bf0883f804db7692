package io.parley.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input for every request: the right error frame, nothing stored, and the socket stays open.
 * Only a frame over the size limit closes it (1009).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketBadInputTest extends ParleyTest {

    static final long UNKNOWN = 9_000_000_000L;
    SocketClient client;
    long dialog;
    long message;

    @BeforeAll
    void connectWithADialogAndAMessage() {
        long me = Tokens.newUserId();
        long other = Tokens.newUserId();
        client = connect(me);
        connect(other).close();
        dialog = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(me, other)),
                               Tokens.admin(Tokens.newUserId())).body().get("id").asLong();
        message = client.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "hi"))
                        .get("data").get("id").asLong();
    }

    @AfterAll
    void disconnect() {
        client.close();
    }

    /** A frame, the event its error answers to, and the code. Placeholders: DIALOG, MESSAGE. */
    static Stream<Arguments> badFrames() {
        String tooLong = "x".repeat(10_001);
        return Stream.of(
                bad("not json", "error", "bad_request"),
                bad("[1,2,3]", "error", "bad_request"),
                bad("\"event\"", "error", "bad_request"),
                bad("{}", "error", "bad_request"),
                bad("{\"event\":5}", "error", "bad_request"),
                bad("{\"event\":\"\"}", "error", "bad_request"),
                bad("{\"event\":\"dialogs.explode\"}", "error", "bad_request"),
                bad("{\"event\":\"dialogs.load\",\"request_id\":{\"a\":1}}", "dialogs.load", "bad_request"),

                bad("{\"event\":\"dialogs.load\",\"limit\":-1}", "dialogs.load", "bad_request"),
                bad("{\"event\":\"dialogs.load\",\"limit\":0}", "dialogs.load", "bad_request"),
                bad("{\"event\":\"dialogs.load\",\"limit\":1000000}", "dialogs.load", "bad_request"),
                bad("{\"event\":\"dialogs.load\",\"limit\":\"20\"}", "dialogs.load", "bad_request"),
                bad("{\"event\":\"dialogs.load\",\"limit\":2.5}", "dialogs.load", "bad_request"),
                bad("{\"event\":\"dialogs.load\",\"offset\":-5}", "dialogs.load", "bad_request"),
                bad("{\"event\":\"dialogs.load\",\"offset\":99999999999999}", "dialogs.load", "bad_request"),

                bad("{\"event\":\"dialogs.messages.load\"}", "dialogs.messages.load", "bad_request"),
                bad("{\"event\":\"dialogs.messages.load\",\"dialog_id\":\"DIALOG.0\"}", "dialogs.messages.load",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.load\",\"dialog_id\":-1}", "dialogs.messages.load", "bad_request"),
                bad("{\"event\":\"dialogs.messages.load\",\"dialog_id\":1.5}", "dialogs.messages.load", "bad_request"),
                bad("{\"event\":\"dialogs.messages.load\",\"dialog_id\":DIALOG,\"limit\":-3}", "dialogs.messages.load",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.load\",\"dialog_id\":" + UNKNOWN + "}", "dialogs.messages.load",
                    "not_found"),

                bad("{\"event\":\"dialogs.messages.create\",\"body\":\"hi\"}", "dialogs.messages.create",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":DIALOG}", "dialogs.messages.create",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":DIALOG,\"body\":123}",
                    "dialogs.messages.create", "bad_request"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":DIALOG,\"body\":\"   \"}",
                    "dialogs.messages.create", "bad_request"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":DIALOG,\"body\":\"" + tooLong + "\"}",
                    "dialogs.messages.create", "bad_request"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":DIALOG,\"body\":\"hi\",\"file_id\":\"x\"}",
                    "dialogs.messages.create", "bad_request"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":DIALOG,\"body\":\"hi\",\"file_id\":12345}",
                    "dialogs.messages.create", "not_found"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":DIALOG,\"body\":\"hi\",\"nonce\":[1]}",
                    "dialogs.messages.create", "bad_request"),
                bad("{\"event\":\"dialogs.messages.create\",\"dialog_id\":" + UNKNOWN + ",\"body\":\"hi\"}",
                    "dialogs.messages.create", "not_found"),

                bad("{\"event\":\"dialogs.messages.seen\",\"dialog_id\":DIALOG}", "dialogs.messages.seen",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.seen\",\"message_id\":MESSAGE}", "dialogs.messages.seen",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.seen\",\"dialog_id\":DIALOG,\"message_id\":\"MESSAGE.0\"}",
                    "dialogs.messages.seen", "bad_request"),
                bad("{\"event\":\"dialogs.messages.seen\",\"dialog_id\":DIALOG,\"message_id\":" + UNKNOWN + "}",
                    "dialogs.messages.seen", "not_found"),
                // the author's own message
                bad("{\"event\":\"dialogs.messages.seen\",\"dialog_id\":DIALOG,\"message_id\":MESSAGE}",
                    "dialogs.messages.seen", "forbidden"),

                bad("{\"event\":\"dialogs.messages.edit\",\"message_id\":MESSAGE}", "dialogs.messages.edit",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.edit\",\"body\":\"x\"}", "dialogs.messages.edit", "bad_request"),
                bad("{\"event\":\"dialogs.messages.edit\",\"message_id\":MESSAGE,\"body\":\"\"}",
                    "dialogs.messages.edit", "bad_request"),
                bad("{\"event\":\"dialogs.messages.edit\",\"message_id\":" + UNKNOWN + ",\"body\":\"x\"}",
                    "dialogs.messages.edit", "not_found"),
                bad("{\"event\":\"dialogs.messages.delete\"}", "dialogs.messages.delete", "bad_request"),
                bad("{\"event\":\"dialogs.messages.delete\",\"message_id\":true}", "dialogs.messages.delete",
                    "bad_request"),
                bad("{\"event\":\"dialogs.messages.delete\",\"message_id\":" + UNKNOWN + "}",
                    "dialogs.messages.delete", "not_found"),

                bad("{\"event\":\"users.settings.edit\"}", "users.settings.edit", "bad_request"),
                bad("{\"event\":\"users.settings.edit\",\"email_notifications\":\"yes\"}", "users.settings.edit",
                    "bad_request"),
                bad("{\"event\":\"users.settings.edit\",\"first_name\":5}", "users.settings.edit", "bad_request"),
                bad("{\"event\":\"users.settings.edit\",\"last_name\":\"" + "n".repeat(65) + "\"}",
                    "users.settings.edit", "bad_request"));
    }

    static Arguments bad(String frame, String event, String code) {
        return Arguments.of(frame, event, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void badFramesGetAnErrorAndChangeNothing(String frame, String event, String code) {
        long before = storedEvents();
        client.sendRaw(frame.replace("DIALOG", Long.toString(dialog)).replace("MESSAGE", Long.toString(message)));
        JsonNode error = client.await(f -> f.has("error"));
        assertThat(error.get("type").asText()).isEqualTo("ws_send");
        assertThat(error.get("event").asText()).isEqualTo(event);
        assertThat(error.get("error").get("code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.get("error").get("message").asText()).isNotBlank();
        assertThat(storedEvents()).isEqualTo(before);
        // The socket is still open and answering.
        assertThat(client.request("ping").get("event").asText()).isEqualTo("pong");
    }

    @Test
    void requestIdIsEchoedOnErrorsAndReplies() {
        client.sendRaw("{\"event\":\"dialogs.load\",\"limit\":-1,\"request_id\":42}");
        assertThat(client.await(f -> f.path("request_id").asInt() == 42).get("error").get("code").asText())
                .isEqualTo("bad_request");
        client.sendRaw("{\"event\":\"nope\",\"request_id\":\"r-1\"}");
        JsonNode unknown = client.await(f -> "r-1".equals(f.path("request_id").asText()));
        assertThat(unknown.get("event").asText()).isEqualTo("error");
        client.sendRaw("{\"event\":\"ping\",\"request_id\":7}");
        assertThat(client.await(f -> f.path("request_id").asInt() == 7).get("event").asText()).isEqualTo("pong");
    }

    @Test
    void aFrameLargerThanTheReceiveBufferArrivesWhole() {
        // Tomcat hands frames over in parts of 2 KiB; Parley joins them (Cyrillic: parts split characters' bytes).
        String body = ("Привет, мир! " + "x".repeat(20)).repeat(250);
        assertThat(body.length()).isLessThanOrEqualTo(10_000);
        JsonNode reply = client.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", body));
        assertThat(reply.get("data").get("markdown_body").asText()).isEqualTo(body);
        // The next frame starts afresh.
        assertThat(client.request("ping").get("event").asText()).isEqualTo("pong");
    }

    @Test
    void aFrameOverTheLimitClosesTheSocketWith1009() {
        try (SocketClient victim = connect(Tokens.newUserId())) {
            long before = storedEvents();
            String huge = "{\"event\":\"dialogs.messages.create\",\"dialog_id\":" + dialog + ",\"body\":\""
                    + "x".repeat(70 * 1024) + "\"}";
            victim.sendRaw(huge);
            assertThat(victim.awaitClose()).isEqualTo(1009);
            assertThat(storedEvents()).isEqualTo(before);
        }
        // Nobody else is affected.
        assertThat(client.request("ping").get("event").asText()).isEqualTo("pong");
    }
}
