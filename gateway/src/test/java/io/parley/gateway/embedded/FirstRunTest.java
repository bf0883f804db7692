package io.parley.gateway.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parley as a newcomer first runs it, following the README's "Run it": its own process, the embedded
 * mode, {@code PARLEY_ADMINS=ann} and nothing else set. The README's first session works as written, the
 * log says what Parley does and nothing of the frameworks' chatter, and a stop under load (SIGTERM, as
 * Ctrl-C or a service manager stops it) is clean: no error, no stack trace, no H2 trace file.
 */
class FirstRunTest {

    /** A line the log starts, with its level (Spring Boot's console layout). */
    private static final Pattern LINE = Pattern.compile("^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s.*");
    private static final Pattern LISTENING = Pattern.compile("Parley listening on http://localhost:(\\d+)");

    @TempDir
    Path dir;
    Process parley;

    @AfterEach
    void kill() {
        if (parley != null) {
            parley.destroyForcibly();
        }
    }

    /** {@code PARLEY_ADMINS=ann java -jar parley.jar}, from a class path instead of the jar. */
    private int start(Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "io.parley.ParleyApplication", "--server.port=0")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PARLEY_ADMINS", "ann");
        // Nothing else of Parley's from the environment this test runs in.
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_") && !name.equals("PARLEY_ADMINS")
                || name.startsWith("SPRING_"));
        parley = builder.start();
        Matcher listening = LISTENING.matcher("");
        // The last line of the start: the log before it is complete.
        Await.until("Parley says where it listens", Duration.ofSeconds(180), () -> {
            assertThat(parley.isAlive()).as("Parley is running; its log:\n%s", read(log)).isTrue();
            return listening.reset(read(log)).find();
        });
        return Integer.parseInt(listening.group(1));
    }

    @Test
    void theReadmeSessionRunsAsWrittenWithAQuietLogAndACleanStop() throws Exception {
        Path log = dir.resolve("parley.log");
        int port = start(log);
        String base = "http://localhost:" + port;

        // The log so far: Parley's own lines, and of warnings only the development secret's.
        String startup = read(log);
        assertThat(startup).contains("mode embedded, database jdbc:h2:file:./data/parley",
                                     "password logins of ann get the admin role");
        assertThat(levelled(startup, "WARN", "ERROR")).singleElement().asString()
                .contains("io.parley.gateway.auth.JwtService");
        assertThat(startup).contains("PARLEY_JWT_SECRET is not set");
        assertThat(startup).doesNotContain("?column?", "AxonIQ Console", "undefined/unknown", "outOfOrder",
                                           "deprecated", "Exception");

        // The README's session: two users, ann (an admin by PARLEY_ADMINS) starts a dialog with bob.
        long ann = Rest.postJson(base + "/api/auth/register", Map.of("username", "ann", "email", "ann@example.org",
                                                                      "password", "ann password"), null)
                       .body().get("id").asLong();
        long bob = Rest.postJson(base + "/api/auth/register", Map.of("username", "bob", "email", "bob@example.org",
                                                                      "password", "bob password"), null)
                       .body().get("id").asLong();
        String annToken = token(base, "ann", "ann password");
        String bobToken = token(base, "bob", "bob password");
        Rest.Response dialog = Rest.postJson(base + "/api/admin/dialogs", Map.of("user_ids", List.of(ann, bob)),
                                             annToken);
        assertThat(dialog.status()).isEqualTo(201);
        long dialogId = dialog.body().get("id").asLong();
        // The README writes these ids out ("user_ids":[1,2], dialog_id: 3): a fresh start must give them.
        assertThat(List.of(ann, bob, dialogId)).as("ann, bob and their dialog, as the README says")
                                              .containsExactly(1L, 2L, 3L);
        // Asked again, the admin gets the same dialog (one per set of users; H2 keeps the claim too).
        Rest.Response again = Rest.postJson(base + "/api/admin/dialogs", Map.of("user_ids", List.of(bob, ann)),
                                            annToken);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asLong()).isEqualTo(dialogId);
        try (SocketClient annSocket = SocketClient.connect(port, annToken);
             SocketClient bobSocket = SocketClient.connect(port, bobToken)) {
            annSocket.request("dialogs.messages.create", Map.of("dialog_id", dialogId, "body", "Hello **bob**"));
            JsonNode pushed = bobSocket.awaitEvent("dialogs.messages.create").get("data");
            assertThat(pushed.get("markdown_body").asText()).isEqualTo("Hello **bob**");
            assertThat(pushed.get("body").asText()).isEqualTo("<p>Hello <strong>bob</strong></p>\n");
        }
        // Bob's email: with no SMTP host it is noted in one line, not written out whole.
        Await.until("the email is noted", () -> read(log).contains("to bob@example.org: New message from ann (no SMTP host"));
        assertThat(read(log)).doesNotContain("ann wrote:");
        // A client's bad input is its own business: no warning in the operator's log.
        assertThat(Rest.postJson(base + "/api/admin/dialogs", Map.of("user_ids", List.of(ann)), annToken).status())
                .isEqualTo(400);

        // Under load: ann writes from three sockets while a replay reads the store, then Parley is stopped.
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger posted = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Thread writer = new Thread(() -> {
                try (SocketClient socket = SocketClient.connect(port, annToken)) {
                    while (!stopped.get()) {
                        socket.request("dialogs.messages.create", Map.of("dialog_id", dialogId, "body", "more"));
                        posted.incrementAndGet();
                    }
                } catch (RuntimeException | AssertionError parleyWentAway) {
                    // the stop closes the sockets, and a request then goes unanswered: expected
                }
            });
            writer.setDaemon(true); // its last request waits out its bound; the test need not
            writer.start();
            writers.add(writer);
        }
        Await.until("the writers are under way", () -> posted.get() >= 50);
        assertThat(Rest.postJson(base + "/api/admin/projections/replay", Map.of(), annToken).status()).isEqualTo(202);
        int linesBeforeStop = read(log).split("\n").length;

        parley.destroy(); // SIGTERM
        assertThat(parley.waitFor(60, TimeUnit.SECONDS)).as("Parley stopped").isTrue();
        stopped.set(true);

        String[] lines = read(log).split("\n");
        String whole = String.join("\n", lines);
        assertThat(levelled(whole, "WARN", "ERROR")).as("warnings and errors; the log:\n%s", whole).singleElement()
                .asString().contains("io.parley.gateway.auth.JwtService");
        String stop = String.join("\n", List.of(lines).subList(linesBeforeStop, lines.length));
        assertThat(stop).contains("Parley stopping").doesNotContain("Exception", "\tat ", "already closed");
        assertThat(dir.resolve("data")).isDirectoryContaining("glob:**/parley.mv.db")
                                       .isDirectoryNotContaining("glob:**/*.trace.db");
    }

    private static String token(String base, String username, String password) {
        JsonNode body = Rest.postJson(base + "/api/auth/token", Map.of("username", username, "password", password),
                                      null).body();
        return body.get("token").asText();
    }

    /** The log's lines at these levels. */
    private static List<String> levelled(String log, String... levels) {
        List<String> found = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches() && List.of(levels).contains(m.group(1))) {
                found.add(line);
            }
        }
        return found;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
