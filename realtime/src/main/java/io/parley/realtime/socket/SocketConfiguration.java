package io.parley.realtime.socket;

import io.parley.realtime.RealtimeProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration
@EnableWebSocket
@EnableConfigurationProperties(RealtimeProperties.class)
public class SocketConfiguration implements WebSocketConfigurer {

    /**
     * Bytes of each buffer Tomcat gives every socket up front: its websocket input, output and encoder
     * buffers, and the connection's read and write buffers. Tomcat's 8 KiB each made an idle socket cost
     * about 56 KiB (docs/benchmarks.md); chat frames are small, and a larger one just takes more reads
     * or writes. {@code -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE} overrides the websocket part.
     */
    static final int CONNECTION_BUFFER = 2048;

    static {
        // Tomcat reads this once, when its websocket classes load: before the web server starts.
        if (System.getProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE") == null) {
            System.setProperty("org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE", Integer.toString(CONNECTION_BUFFER));
        }
    }

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

    /** The connection's own read and write buffers (the HTTP request headers have a buffer of their own). */
    @Bean
    public TomcatConnectorCustomizer smallConnectionBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(CONNECTION_BUFFER));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(CONNECTION_BUFFER));
        };
    }

    /** Characters (text) and bytes (binary) each socket's container buffers hold. */
    static final int RECEIVE_BUFFER = 2048;
}
