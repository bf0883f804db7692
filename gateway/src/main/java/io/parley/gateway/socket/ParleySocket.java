package io.parley.gateway.socket;

import io.parley.gateway.auth.TokenClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import java.io.IOException;
import java.util.UUID;

/** One connected socket of one user. Sends are thread-safe and never block the sender for long. */
public class ParleySocket {

    private static final Logger log = LoggerFactory.getLogger(ParleySocket.class);

    private final String id = UUID.randomUUID().toString();
    private final TokenClaims claims;
    private final WebSocketSession session;
    private volatile long lastPongNanos = System.nanoTime();

    ParleySocket(TokenClaims claims, WebSocketSession raw, int sendTimeLimitMillis, int bufferBytes) {
        this.claims = claims;
        this.session = new ConcurrentWebSocketSessionDecorator(raw, sendTimeLimitMillis, bufferBytes);
    }

    public String id() {
        return id;
    }

    public long userId() {
        return claims.userId();
    }

    public TokenClaims claims() {
        return claims;
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Sends a text frame; a socket that cannot take it is closed rather than holding anyone up. */
    public void send(String json) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.sendMessage(new TextMessage(json));
        } catch (IOException | IllegalStateException | org.springframework.web.socket.handler.SessionLimitExceededException e) {
            log.debug("closing socket {} of user {}: {}", id, userId(), e.getMessage());
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void ping() {
        try {
            session.sendMessage(new PingMessage());
        } catch (IOException | IllegalStateException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void ponged() {
        lastPongNanos = System.nanoTime();
    }

    long nanosSinceLastPong() {
        return System.nanoTime() - lastPongNanos;
    }

    public void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | IllegalStateException e) {
            log.debug("socket {} was already gone: {}", id, e.getMessage());
        }
    }
}
