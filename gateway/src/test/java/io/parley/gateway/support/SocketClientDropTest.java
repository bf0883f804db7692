package io.parley.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dropped client has seen nothing after the drop: TwinSocketsTest resumes with the last cursor it
 * recorded right after {@link SocketClient#drop()}, so a frame recorded later would come again on resume
 * (the first of an event's two pushes twice, the second once).
 */
class SocketClientDropTest extends ParleyTest {

    /** A frame's text that stops its reader (the websocket's thread) as it is read, until let go. */
    private static final class StalledText implements CharSequence {

        final String text;
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch letGo = new CountDownLatch(1);

        StalledText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            reading.countDown();
            try {
                letGo.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Test
    void aFrameOnItsWayWhenTheClientDropsIsNotRecordedAfterTheDrop() throws Exception {
        try (SocketClient client = connect(Tokens.newUserId())) {
            StalledText push = new StalledText("{\"type\":\"ws_send\",\"event\":\"dialogs.messages.create\",\"seq\":45557000}");
            WebSocket ignoring = (WebSocket) Proxy.newProxyInstance(WebSocket.class.getClassLoader(),
                                                                     new Class<?>[]{WebSocket.class}, (p, m, a) -> null);
            Thread websocketThread = new Thread(() -> client.onText(ignoring, push, true));
            websocketThread.start();
            assertThat(push.reading.await(10, TimeUnit.SECONDS)).isTrue();

            // The test thread drops the client at a random moment, as TwinSocketsTest does, and takes what it saw.
            client.drop();
            List<JsonNode> seenAtDrop = client.received();
            push.letGo.countDown();
            websocketThread.join(10_000);

            assertThat(client.received()).isEqualTo(seenAtDrop);
        }
    }
}
