package io.parley.realtime;

import io.parley.realtime.socket.ParleySocket;
import io.parley.ParleyApplication;
import io.parley.gateway.support.Await;
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

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading fills its own queue and is closed (4008); nobody else misses a push. In an
 * instance of its own with a small send queue (256 KiB), so that the queue, not the kernel's socket
 * buffers, fills first; the shared test instance keeps the default queue its busy clients need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {

    @TempDir
    static Path dir;
    ConfigurableApplicationContext app;
    int port;

    @BeforeAll
    void start() {
        app = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0", "--PARLEY_DATA_DIR=" + dir, "--parley.jwt.secret=" + Tokens.SECRET,
                "--parley.rate-limit.creates=1000000", "--parley.socket.send-buffer-bytes=262144");
        port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    SocketClient connect(long user) {
        return SocketClient.connect(port, Tokens.forUser(user));
    }

    long closedWith4008() {
        Rest.Download stats = Rest.get(baseUrl() + "/api/admin/sockets", Tokens.admin(Tokens.newUserId()));
        assertThat(stats.status()).isEqualTo(200);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.body())
                                                                   .path("closed_by_server").path("4008").asLong(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith4008AndNobodyElseMissesAPush() throws Exception {
        long slow = Tokens.newUserId();
        long watcher = Tokens.newUserId();
        long writer = Tokens.newUserId();
        List<SocketClient> watchers = new ArrayList<>();
        Socket tcp = new Socket();
        tcp.setReceiveBufferSize(1024);
        tcp.connect(new InetSocketAddress("localhost", port));
        long before4008 = closedWith4008();
        try (RawSocketClient stuck = RawSocketClient.open(tcp, "localhost:" + port, "/ws/?token=" + Tokens.forUser(slow));
             SocketClient writing = connect(writer)) {
            for (int i = 0; i < 50; i++) {
                watchers.add(connect(watcher));
            }
            long dialog = Rest.postJson(baseUrl() + "/api/admin/dialogs", Map.of("user_ids", List.of(writer, slow, watcher)),
                                        Tokens.admin(Tokens.newUserId())).body().get("id").asLong();

            // About 6 MB of pushes for each recipient: far more than the send queue (256 KiB here) and
            // the socket buffers of a client that reads nothing.
            String body = "x".repeat(9_990);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ids.add(writing.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", i + body))
                               .get("data").get("id").asLong());
            }
            for (SocketClient socket : watchers) {
                for (long id : ids) {
                    socket.await(f -> "dialogs.messages.create".equals(f.path("event").asText())
                            && f.path("data").path("id").asLong() == id);
                }
            }
            // The server gave up on it: 4008. (The close frame itself cannot reach a client that reads
            // nothing; its connection just ends.)
            Await.until("the stuck socket closed with 4008", () -> closedWith4008() == before4008 + 1);
            assertThat(stuck.readUntilCloseOrEnd()).isIn(ParleySocket.TOO_SLOW.getCode(), -1);
        } finally {
            watchers.forEach(SocketClient::close);
        }
    }
}
