package io.parley.gateway;

import io.parley.realtime.api.Origin;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.HashMap;
import java.util.Map;

@Configuration
@EnableConfigurationProperties(ParleyProperties.class)
public class GatewayConfiguration {

    /**
     * The correlation data of a command's events: Axon's (the command's id as their correlation and trace
     * ids), declared here because any provider bean of ours switches off Axon's default one, and the socket
     * request the command came from (see {@link Origin}), so that its push can answer it. One provider,
     * since Axon asks each provider about every message of every unit of work.
     * <p>
     * Correlation data goes from a command to the events it causes, and no further: Parley's event handlers
     * dispatch nothing. Axon still asks about every event a processor handles (for a result message it then
     * drops), and reading each event's metadata for that took 11% of a replay.
     */
    @Bean
    public CorrelationDataProvider commandCorrelation() {
        CorrelationDataProvider axons = new MessageOriginProvider();
        CorrelationDataProvider socketRequest = new SimpleCorrelationDataProvider(Origin.SOCKET_KEY, Origin.REQUEST_KEY);
        return message -> {
            if (!(message instanceof CommandMessage)) {
                return Map.of();
            }
            Map<String, Object> data = new HashMap<>(axons.correlationDataFor(message));
            data.putAll(socketRequest.correlationDataFor(message));
            return data;
        };
    }

    /**
     * Axon's query bus as its auto-configuration builds it, but without a transaction around each query:
     * under PostgreSQL's read-committed isolation a transaction gives a read-only query nothing (each
     * statement sees its own snapshot, and the read models have no lazy associations), while it costs a
     * Hibernate session and a COMMIT round trip per query. Reads through Spring Data still run in its
     * read-only transactions; plain SQL reads run in autocommit. Not with Axon Server: its query bus builds
     * its own local segment (with the transaction), and any query bus bean would stand in for it.
     */
    @Bean
    @Qualifier("localSegment")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                             .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                             .transactionManager(NoTransactionManager.instance())
                             .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                                                             () -> LoggingQueryInvocationErrorHandler.builder().build()))
                             .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                             .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                             .build();
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
