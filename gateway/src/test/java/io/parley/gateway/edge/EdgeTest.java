package io.parley.gateway.edge;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.ParleyApplication;
import io.parley.realtime.socket.ParleySocketHandler;
import io.parley.gateway.support.RawSocketClient;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parley at its edges, in an instance of its own: TLS (wss) with a test certificate, a low create
 * limit and a fast heartbeat. Embedded mode, so it shares nothing with the other tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeTest {

    static final int CREATES = 40;
    @TempDir
    static Path dir;
    ConfigurableApplicationContext app;
    int port;
    SSLContext tls;
    HttpClient https;

    @BeforeAll
    void start() throws Exception {
        Path keystore = dir.resolve("parley-test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                                             "-genkeypair", "-alias", "parley", "-keyalg", "RSA", "-keysize", "2048",
                                             "-validity", "2", "-dname", "CN=localhost",
                                             "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                                             "-keystore", keystore.toString(), "-storetype", "PKCS12",
                                             "-storepass", "test-pass").inheritIO().start();
        assertThat(keytool.waitFor()).isZero();

        app = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0", "--PARLEY_DATA_DIR=" + dir.resolve("data"),
                "--parley.jwt.secret=" + Tokens.SECRET,
                "--server.ssl.bundle=parley",
                "--spring.ssl.bundle.jks.parley.keystore.location=file:" + keystore,
                "--spring.ssl.bundle.jks.parley.keystore.password=test-pass",
                "--spring.ssl.bundle.jks.parley.keystore.type=PKCS12",
                "--parley.rate-limit.creates=" + CREATES, "--parley.rate-limit.per=1h",
                "--parley.socket.heartbeat-interval=300ms",
                "--parley.push.resume-max-events=10");
        port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            trusted.load(in, "test-pass".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(tls).build();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    SocketClient connect(long user) {
        return SocketClient.connect(URI.create("wss://localhost:" + port + "/ws/?token=" + Tokens.forUser(user)), https);
    }

    long startDialog(List<Long> users) {
        Rest.Response created = Rest.postJson(https, "https://localhost:" + port + "/api/admin/dialogs",
                                              Map.of("user_ids", users), Tokens.admin(Tokens.newUserId()));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asLong();
    }

    RawSocketClient raw(long user, int receiveBuffer) throws Exception {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("localhost", port));
        socket.startHandshake();
        return RawSocketClient.open(socket, "localhost:" + port, "/ws/?token=" + Tokens.forUser(user));
    }

    @Test
    void aDialogExchangeOverWss() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(List.of(a, b));
            long id = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "over TLS"))
                           .get("data").get("id").asLong();
            assertThat(bob.awaitEvent("dialogs.messages.create").get("data").get("markdown_body").asText()).isEqualTo("over TLS");
            bob.request("dialogs.messages.seen", Map.of("dialog_id", dialog, "message_id", id));
            assertThat(alice.awaitEvent("dialogs.messages.seen").get("user").asLong()).isEqualTo(b);
        }
        // Plain HTTP on the TLS port gets nowhere.
        assertThat(SocketClient.handshakeStatusOrFailure(URI.create("ws://localhost:" + port + "/ws/?token="
                                                                            + Tokens.forUser(a)))).isNotEqualTo(101);
    }

    @Test
    void createsBeyondTheLimitAreRateLimitedAndTheSocketStaysUsable() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a)) {
            connect(b).close();
            long dialog = startDialog(List.of(a, b));
            for (int i = 0; i < CREATES; i++) {
                assertThat(alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "m" + i))
                                .has("error")).isFalse();
            }
            JsonNode refused = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "one more"));
            assertThat(refused.get("error").get("code").asText()).isEqualTo("rate_limited");
            assertThat(alice.request("ping").get("event").asText()).isEqualTo("pong");
            JsonNode page = alice.request("dialogs.messages.load", Map.of("dialog_id", dialog, "limit", 1));
            assertThat(page.get("meta").get("total").asInt()).isEqualTo(CREATES);
        }
    }

    @Test
    void aSocketThatAnswersNoPingIsClosedWith4002() throws Exception {
        try (RawSocketClient deaf = raw(Tokens.newUserId(), 65536)) {
            assertThat(deaf.readUntilClose()).isEqualTo(ParleySocketHandler.HEARTBEAT_MISSED.getCode());
        }
    }

    @Test
    void resumingFromBeyondTheRetentionWindowAsksForAResyncThenGoesOnLive() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a)) {
            connect(b).close();
            long dialog = startDialog(List.of(a, b));
            long lastMissed = 0;
            for (int i = 0; i < 12; i++) {
                lastMissed = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "m" + i))
                                  .get("seq").asLong();
            }
            long goesOnAfter;
            try (SocketClient bob = resume(b, 0)) {
                JsonNode resync = bob.await(f -> !"hello".equals(f.path("event").asText()));
                assertThat(resync.get("event").asText()).isEqualTo("resync_required");
                // The cursor the socket goes on live after: past everything missed, the client's new since.
                goesOnAfter = resync.get("data").get("seq").asLong();
                assertThat(goesOnAfter).isGreaterThanOrEqualTo(lastMissed);
                long live = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "live"))
                                 .get("seq").asLong();
                assertThat(live).isGreaterThan(goesOnAfter);
                assertThat(bob.awaitEvent("dialogs.messages.create").get("data").get("markdown_body").asText()).isEqualTo("live");
                // Nothing of what was missed came: the client was told to reload instead.
                assertThat(bob.received().stream().filter(f -> "dialogs.messages.create".equals(f.path("event").asText())))
                        .hasSize(1);
            }
            // Dropped after the resync, the client resumes from its cursor: what came since, no second resync.
            try (SocketClient again = resume(b, goesOnAfter)) {
                JsonNode first = again.await(f -> !"hello".equals(f.path("event").asText()));
                assertThat(first.get("event").asText()).isEqualTo("dialogs.messages.create");
                assertThat(first.get("data").get("markdown_body").asText()).isEqualTo("live");
            }
        }
    }

    SocketClient resume(long user, long since) {
        return SocketClient.connect(URI.create("wss://localhost:" + port + "/ws/?token=" + Tokens.forUser(user)
                                               + "&since=" + since), https);
    }
}
