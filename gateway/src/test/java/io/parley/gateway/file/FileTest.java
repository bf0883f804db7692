package io.parley.gateway.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads, attachments and who may download them. */
class FileTest extends ParleyTest {

    Rest.Response upload(long user, String name, String type, byte[] bytes) {
        return Rest.upload(baseUrl() + "/api/files/", name, type, bytes, Tokens.forUser(user));
    }

    String contentPath(long fileId) {
        return baseUrl() + "/api/files/" + fileId + "/content";
    }

    @Test
    void uploadAttachAndTheDownloadMatrix() throws IOException {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long c = Tokens.newUserId();
        byte[] bytes = "a report, with words".getBytes(StandardCharsets.UTF_8);
        try (SocketClient alice = connect(a); SocketClient bob = connect(b); SocketClient carol = connect(c)) {
            Rest.Response uploaded = upload(a, "../../etc/report.txt", "text/plain", bytes);
            assertThat(uploaded.status()).isEqualTo(201);
            JsonNode file = uploaded.body();
            assertThat(file.get("name").asText()).isEqualTo("report.txt");
            assertThat(file.get("size").asLong()).isEqualTo(bytes.length);
            assertThat(file.get("content_type").asText()).isEqualTo("text/plain");
            assertThat(file.get("date_created").asText()).matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]{15}\\+00:00");
            long fileId = file.get("id").asLong();
            assertThat(file.get("content").asText()).isEqualTo("https://chat.example.org/api/files/" + fileId + "/content");
            // The bytes live under a name of ours, never the client's path.
            try (Stream<java.nio.file.Path> stored = Files.list(FILES_DIR)) {
                assertThat(stored.map(p -> p.getFileName().toString()))
                        .allMatch(n -> n.matches("\\d+-[0-9a-f-]{36}"));
            }

            // Before it is attached anywhere: the uploader only.
            assertThat(Rest.get(contentPath(fileId), Tokens.forUser(a)).status()).isEqualTo(200);
            assertThat(Rest.get(contentPath(fileId), Tokens.forUser(b)).status()).isEqualTo(404);

            long dialog = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(a, b)),
                                        Tokens.admin(Tokens.newUserId())).body().get("id").asLong();
            // Someone else's upload cannot be attached, and nothing is stored.
            long before = storedEvents();
            JsonNode refused = bob.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "mine",
                                                                             "file_id", fileId));
            assertThat(refused.get("error").get("code").asText()).isEqualTo("not_found");
            assertThat(storedEvents()).isEqualTo(before);

            JsonNode message = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "see file",
                                                                               "file_id", fileId)).get("data");
            JsonNode block = message.get("file");
            Set<String> keys = new java.util.HashSet<>();
            block.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).isEqualTo(Set.of("id", "date_created", "content", "name", "size"));
            assertThat(block.get("id").asLong()).isEqualTo(fileId);
            assertThat(bob.awaitEvent("dialogs.messages.create").get("data").get("file")).isEqualTo(block);

            Rest.Download byUploader = Rest.get(contentPath(fileId), Tokens.forUser(a));
            assertThat(byUploader.status()).isEqualTo(200);
            assertThat(byUploader.body()).isEqualTo(bytes);
            assertThat(byUploader.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(byUploader.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
            assertThat(byUploader.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/octet-stream");

            Rest.Download byParticipant = Rest.get(contentPath(fileId), Tokens.forUser(b));
            assertThat(byParticipant.status()).isEqualTo(200);
            assertThat(byParticipant.body()).isEqualTo(bytes);
            assertThat(Rest.get(contentPath(fileId), Tokens.forUser(c)).status()).as("outsider").isEqualTo(404);
            assertThat(Rest.get(contentPath(fileId), null).status()).as("anonymous").isEqualTo(401);
            assertThat(Rest.get(contentPath(fileId) + "?token=" + Tokens.forUser(b), null).status()).as("?token=")
                                                                                                    .isEqualTo(200);
            assertThat(Rest.get(contentPath(987654321L), Tokens.forUser(a)).status()).isEqualTo(404);
            assertThat(carol.request("ping").get("event").asText()).isEqualTo("pong");
        }
    }

    @Test
    void imagesAreShownInlineEverythingElseIsADownload() {
        long a = Tokens.newUserId();
        connect(a).close();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        long image = upload(a, "pic.png", "image/png", png).body().get("id").asLong();
        Rest.Download shown = Rest.get(contentPath(image), Tokens.forUser(a));
        assertThat(shown.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(shown.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");

        long page = upload(a, "page.html", "text/html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .body().get("id").asLong();
        Rest.Download html = Rest.get(contentPath(page), Tokens.forUser(a));
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/octet-stream");
        assertThat(html.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(html.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void refusedUploads() {
        long a = Tokens.newUserId();
        connect(a).close();
        long before = storedEvents();
        Rest.Response tooLarge = upload(a, "big.bin", "application/octet-stream", new byte[1_500_000]);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().get("code").asText()).isEqualTo("too_large");
        assertThat(Rest.upload(baseUrl() + "/api/files/", "x.txt", "text/plain", new byte[]{1}, null).status())
                .isEqualTo(401);
        assertThat(Rest.post(baseUrl() + "/api/files/", "{}", Tokens.forUser(a)).status()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before);
    }
}
