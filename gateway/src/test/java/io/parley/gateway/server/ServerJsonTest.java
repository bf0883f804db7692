package io.parley.gateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The servers API's push frames, written from the response records: the documented names and time form. */
class ServerJsonTest {

    private static final Instant AT = Instant.parse("2024-12-04T18:36:14.045681Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final ServerJson json = new ServerJson(mapper);

    @Test
    void aMessagePush() throws Exception {
        assertThat(mapper.readTree(json.push("message_created", json.message(6, 1, 7, 1, "its over guys", AT, AT), 1543000)))
                .isEqualTo(mapper.readTree("""
                        {"name":"message_created","data":{"author_id":1,"channel_id":7,
                         "edited":"2024-12-04 18:36:14.045681+00","id":6,"sent":"2024-12-04 18:36:14.045681+00",
                         "server_id":1,"text":"its over guys"},"seq":1543000}"""));
    }

    @Test
    void bansAndInvitesWriteExpiresEvenWhenNull() throws Exception {
        assertThat(mapper.readTree(json.push("x", json.ban(2, 1, null), 1)).get("data"))
                .isEqualTo(mapper.readTree("""
                        {"user_id":2,"server_id":1,"expires":null}"""));
        assertThat(mapper.readTree(json.push("x", new ServerJson.InviteId("abc", 1), 1)).get("data"))
                .isEqualTo(mapper.readTree("""
                        {"code":"abc","server_id":1}"""));
        assertThat(mapper.readTree(json.push("x", new ServerJson.Server(1, "s", 2), 1)).get("data"))
                .isEqualTo(mapper.readTree("""
                        {"id":1,"name":"s","owner_id":2}"""));
    }
}
