package io.parley.gateway.socket;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration
@EnableWebSocket
public class SocketConfiguration implements WebSocketConfigurer {

    private final ParleySocketHandler handler;
    private final AuthHandshakeInterceptor auth;

    public SocketConfiguration(ParleySocketHandler handler, AuthHandshakeInterceptor auth) {
        this.handler = handler;
        this.auth = auth;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // Tokens authenticate, not cookies, so any origin may connect.
        registry.addHandler(handler, "/ws", "/ws/").addInterceptors(auth).setAllowedOriginPatterns("*");
    }

    /**
     * The container allocates both message buffers for every socket up front, so they are kept small:
     * a larger frame arrives in parts, which the handler joins, closing the socket with 1009 beyond
     * {@code parley.socket.max-frame-bytes}. Buffers as big as the limit cost about 200 KiB of heap per
     * idle socket (docs/benchmarks.md).
     */
    @Bean
    public ServletServerContainerFactoryBean socketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(RECEIVE_BUFFER);
        container.setMaxBinaryMessageBufferSize(RECEIVE_BUFFER);
        return container;
    }

    /** Characters (text) and bytes (binary) each socket's container buffers hold. */
    static final int RECEIVE_BUFFER = 2048;
}
