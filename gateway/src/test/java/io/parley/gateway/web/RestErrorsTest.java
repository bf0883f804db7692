package io.parley.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST errors as a client meets them: each names the field, part, header or limit at fault, says "expired"
 * when a token is, and comes with a status and code that docs/protocol.md's table pairs.
 */
class RestErrorsTest extends ParleyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "status code" pairs of protocol.md's REST error table. */
    private static final Set<String> DOCUMENTED = new HashSet<>();

    record Answer(int status, HttpHeaders headers, JsonNode body) {
        String code() {
            return body.get("code").asText();
        }

        String message() {
            return body.get("message").asText();
        }
    }

    @BeforeAll
    static void readTheDocumentedPairs() throws IOException {
        String protocol = Files.readString(Path.of("..", "docs", "protocol.md"));
        Matcher row = Pattern.compile("(?m)^\\| (\\d{3}) \\| `(\\w+)` \\|").matcher(protocol);
        while (row.find()) {
            DOCUMENTED.add(row.group(1) + " " + row.group(2));
        }
        assertThat(DOCUMENTED).contains("400 bad_request", "401 unauthorized", "413 too_large");
    }

    private Answer send(String method, String path, String contentType, byte[] body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                                 .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                                              : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "JWT " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(response.statusCode(), response.headers(), JSON.readTree(response.body()));
            assertThat(DOCUMENTED).as("%s %s answered %s", method, path, answer.body())
                                  .contains(answer.status() + " " + answer.code());
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer postJson(String path, String json, String token) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), token);
    }

    @Test
    void registrationNamesTheHeaderOrFieldAtFault() {
        Answer noContentType = send("POST", "/api/auth/register", null,
                                    "{\"username\":\"x\",\"email\":\"x@example.org\",\"password\":\"12345678\"}"
                                            .getBytes(StandardCharsets.UTF_8), null);
        assertThat(noContentType.status()).isEqualTo(400);
        assertThat(noContentType.message()).contains("Content-Type", "application/json");

        Answer noEmail = postJson("/api/auth/register", "{\"username\":\"nomail\",\"password\":\"12345678\"}", null);
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.message()).isEqualTo("email is required");

        Answer badEmail = postJson("/api/auth/register",
                                   "{\"username\":\"badmail\",\"email\":\"nowhere\",\"password\":\"12345678\"}", null);
        assertThat(badEmail.message()).contains("email", "nowhere");

        Answer wrongType = postJson("/api/auth/register", "{\"username\":[1],\"email\":\"a@b\",\"password\":\"x\"}",
                                    null);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.message()).contains("username");

        Answer notJson = postJson("/api/auth/register", "{username:", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.message()).contains("not valid JSON");

        Answer noBody = send("POST", "/api/auth/register", "application/json", null, null);
        assertThat(noBody.message()).contains("body is missing");

        Answer noToken = postJson("/api/auth/token-refresh", "{}", null);
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.message()).isEqualTo("token is required");
    }

    @Test
    void anExpiredTokenIsCalledExpired() {
        long user = Tokens.newUserId();
        String expired = Tokens.forUser(user, Instant.now().minusSeconds(60), List.of());

        Answer rest = send("GET", "/api/admin/projections", null, null, expired);
        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.message()).contains("expired");

        Answer refresh = postJson("/api/auth/token-refresh", "{\"token\":\"" + expired + "\"}", null);
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.message()).contains("expired");

        Answer none = send("GET", "/api/admin/projections", null, null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.message()).contains("Authorization");

        Answer forged = send("GET", "/api/admin/projections", null, null, Tokens.badSignature(user));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.message()).contains("signature").doesNotContain("expired");
    }

    @Test
    void uploadsNameTheMissingPartAndTheLimit() {
        String token = Tokens.forUser(Tokens.newUserId());
        String boundary = "b" + System.nanoTime();
        byte[] otherPart = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Answer noContentPart = send("POST", "/api/files/", "multipart/form-data; boundary=" + boundary, otherPart,
                                    token);
        assertThat(noContentPart.status()).isEqualTo(400);
        assertThat(noContentPart.message()).contains("part content");

        Answer notMultipart = postJson("/api/files/", "{}", token);
        assertThat(notMultipart.status()).isEqualTo(400);
        assertThat(notMultipart.message()).contains("multipart/form-data", "content");

        // The tests' limit is 1MB (ParleyTest).
        byte[] large = new byte[2 * 1024 * 1024];
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + large.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, head.length + large.length, tail.length);
        Answer tooLarge = send("POST", "/api/files/", "multipart/form-data; boundary=" + boundary, body, token);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.message()).contains("1MB");
    }

    @Test
    void aMethodOrPathTheApiDoesNotHaveIsInTheTable() {
        Answer get = send("GET", "/api/auth/token", null, null, null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.code()).isEqualTo("bad_request");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.message()).contains("GET", "POST");

        Answer unknown = send("GET", "/api/nothing-here", null, null, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).contains("/api/nothing-here");

        Answer badId = send("GET", "/api/files/x/content", null, null, Tokens.forUser(Tokens.newUserId()));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.message()).contains("id");
    }
}
