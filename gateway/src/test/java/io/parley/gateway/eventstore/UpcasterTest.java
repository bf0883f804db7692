package io.parley.gateway.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A UserRegistered written by an earlier Parley (revision 1, no avatar) is read back through the
 * upcaster: by the projections, and by the User aggregate when it handles its next command.
 */
class UpcasterTest extends ParleyTest {

    @Test
    void anOldRevisionEventIsReadAsTheNewOne() throws Exception {
        long user = Tokens.newUserId();
        String payload = """
                {"userId":%d,"username":"old-timer-%d","email":"old@example.org","firstName":"Old","lastName":"Timer",\
                "passwordHash":null,"at":"2025-01-02T03:04:05.123456Z"}""".formatted(user, user);
        try (Connection connection = TestDatabase.connect();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                         time_stamp, payload_type, payload_revision, payload, meta_data)
                     values (?, ?, 0, 'User', '2025-01-02T03:04:05.123Z', 'io.parley.api.user.UserRegistered', '1', ?, ?)
                     """)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "user-" + user);
            insert.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
        assertThat(TestDatabase.count("select count(*) from domain_event_entry where aggregate_identifier = 'user-"
                                              + user + "' and payload_revision = '1'")).isEqualTo(1);

        // The projections read it (as revision 2, avatar null).
        Await.until("the old user in the read model",
                    () -> TestDatabase.count("select count(*) from user_view where id = " + user) == 1);
        try (SocketClient client = connect(user)) {
            JsonNode me = client.request("users.me").get("data");
            assertThat(me.get("username").asText()).isEqualTo("old-timer-" + user);
            assertThat(me.get("first_name").asText()).isEqualTo("Old");
            assertThat(me.has("avatar")).isTrue();
            assertThat(me.get("avatar").isNull()).isTrue();

            // The aggregate is sourced from the old event too: its next command works.
            JsonNode edited = client.request("users.settings.edit", Map.of("last_name", "Timer-Smith")).get("data");
            assertThat(edited.get("first_name").asText()).isEqualTo("Old");
            assertThat(edited.get("last_name").asText()).isEqualTo("Timer-Smith");
        }
        // The old event is still stored as it was written.
        assertThat(TestDatabase.count("select count(*) from domain_event_entry where aggregate_identifier = 'user-"
                                              + user + "' and payload_revision = '1' and sequence_number = 0"))
                .isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from domain_event_entry where aggregate_identifier = 'user-"
                                              + user + "'")).isEqualTo(2);
    }
}
