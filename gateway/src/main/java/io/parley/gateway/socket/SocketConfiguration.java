package io.parley.gateway.socket;

import io.parley.gateway.ParleyProperties;
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

    /** Frames over the limit close the socket with 1009 (the container enforces it). */
    @Bean
    public ServletServerContainerFactoryBean socketContainer(ParleyProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.getSocket().getMaxFrameBytes());
        container.setMaxBinaryMessageBufferSize(properties.getSocket().getMaxFrameBytes());
        return container;
    }
}
