package io.parley.gateway;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
@EnableConfigurationProperties(ParleyProperties.class)
public class GatewayConfiguration {

    /** The socket a command came from rides along on its events, so its pushes can skip that socket. */
    public static final String ORIGIN_SOCKET = "parleySocket";

    /** Declared here because any provider bean of ours switches off Axon's default one. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider originSocketCorrelation() {
        return new SimpleCorrelationDataProvider(ORIGIN_SOCKET);
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
