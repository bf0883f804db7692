package io.parley.gateway.auth;

import io.parley.realtime.socket.ParleySocketHandler;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.RawSocketClient;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may open a socket, and what a refused handshake is told. */
class SocketAuthTest extends ParleyTest {

    URI withToken(String token) {
        return URI.create("ws://localhost:" + port + "/ws/?token=" + token);
    }

    int status(String token) {
        return SocketClient.handshakeStatus(withToken(token), Map.of());
    }

    @Test
    void refusedTokensGet401OnTheHandshake() {
        long user = Tokens.newUserId();
        assertThat(SocketClient.handshakeStatus(URI.create("ws://localhost:" + port + "/ws/"), Map.of()))
                .as("no token").isEqualTo(401);
        assertThat(status("not-a-jwt")).as("garbage").isEqualTo(401);
        assertThat(status(Tokens.badSignature(user))).as("bad signature").isEqualTo(401);
        assertThat(status(Tokens.unsigned(user))).as("alg none").isEqualTo(401);
        assertThat(status(Tokens.otherAlgorithm(user))).as("HS512").isEqualTo(401);
        assertThat(status(Tokens.forUser(user, Instant.now().minusSeconds(5), List.of()))).as("expired")
                                                                                          .isEqualTo(401);
        assertThat(status(Tokens.forUser(user))).as("valid").isEqualTo(101);
    }

    @Test
    void aRefusedHandshakeSaysWhyInTheWordsOfTheRestApi() throws Exception {
        long user = Tokens.newUserId();
        Instant past = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        RawSocketClient.Refusal expired = RawSocketClient.refusal(port, "/ws/?token=" + Tokens.forUser(user, past, List.of()));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo("the token expired at " + past + "; log in again");

        RawSocketClient.Refusal missing = RawSocketClient.refusal(port, "/ws/");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body()).startsWith("a token is required").contains("token query parameter (?token=)");

        RawSocketClient.Refusal forged = RawSocketClient.refusal(port, "/ws/?token=" + Tokens.badSignature(user));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body()).isEqualTo("the token is not valid: its signature does not match");
    }

    @Test
    void theSeedsTokenLayoutIsAcceptedAndItsUnknownUserRegistered() {
        long user = Tokens.newUserId();
        try (SocketClient client = connect(user)) {
            assertThat(client.hello().get("data").get("user_id").asLong()).isEqualTo(user);
            assertThat(client.hello().get("data").get("seq").isIntegralNumber()).isTrue();
            assertThat(client.hello().get("data").get("heartbeat_interval_ms").asLong()).isPositive();
            var me = client.request("users.me").get("data");
            assertThat(me.get("id").asLong()).isEqualTo(user);
            assertThat(me.get("username").asText()).isEqualTo("user" + user + "@example.org");
            assertThat(me.get("email").asText()).isEqualTo("user" + user + "@example.org");
            assertThat(me.get("email_notifications").asBoolean()).isTrue();
        }
    }

    @Test
    void theTokenMayComeInAnAuthorizationHeader() {
        String token = Tokens.forUser(Tokens.newUserId());
        URI bare = URI.create("ws://localhost:" + port + "/ws/");
        assertThat(SocketClient.handshakeStatus(bare, Map.of("Authorization", "Bearer " + token))).isEqualTo(101);
        assertThat(SocketClient.handshakeStatus(bare, Map.of("Authorization", "JWT " + token))).isEqualTo(101);
        assertThat(SocketClient.handshakeStatus(bare, Map.of("Authorization", "Basic " + token))).isEqualTo(401);
    }

    @Test
    void aTokenThatExpiresWhileConnectedClosesTheSocketWith4001() {
        long user = Tokens.newUserId();
        String shortLived = Tokens.forUser(user, Instant.now().plusSeconds(2), List.of());
        SocketClient client = SocketClient.connect(withToken(shortLived));
        assertThat(client.awaitClose()).isEqualTo(ParleySocketHandler.TOKEN_EXPIRED.getCode());
    }
}
