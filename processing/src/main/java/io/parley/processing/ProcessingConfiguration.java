package io.parley.processing;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * How Parley's event processors run: their tokens (claimed per node), the projections' invoker, commits and
 * progress reports. The email sender's processor is set up by its own side ({@code mail.EmailProcessing}).
 */
@Configuration
@EnableConfigurationProperties(ProcessingProperties.class)
public class ProcessingConfiguration {

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 TokenStoreProperties tokenStoreProperties) {
        TokenSchema schema = TokenSchema.builder()
                                        .setTokenTable("token_entry")
                                        .setProcessorNameColumn("processor_name")
                                        .setSegmentColumn("segment")
                                        .setTokenColumn("token")
                                        .setTokenTypeColumn("token_type")
                                        .setTimestampColumn("time_stamp")
                                        .setOwnerColumn("owner")
                                        .build();
        return JdbcTokenStore.builder()
                             // Each running node claims segments under a name of its own, even two in one JVM.
                             .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID())
                             .connectionProvider(connectionProvider)
                             .serializer(serializer)
                             .schema(schema)
                             .contentType(byte[].class)
                             .claimTimeout(tokenStoreProperties.getClaimTimeout())
                             .build();
    }

    /**
     * Axon's event processing module (the one its auto-configuration would make), with the projections'
     * invoker replaced by {@link HandlersByPayloadType}.
     */
    @Bean
    public EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker invoker,
                                                            TrackingEventProcessorConfiguration configuration,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return super.trackingEventProcessor(
                        name, ProjectionProgress.PROCESSOR.equals(name) ? HandlersByPayloadType.over(invoker) : invoker,
                        configuration, source);
            }
        };
    }

    /**
     * The projections report their progress, and commit without waiting for the disk unless
     * {@code parley.read-model-commits-wait-for-disk} ({@link RebuildableCommits}).
     */
    @Bean
    public ConfigurerModule projectionsProcessor(ProjectionProgress progress, TransactionManager transactionManager,
                                                 JdbcTemplate jdbc, ProcessingProperties properties) {
        TransactionManager commits = RebuildableCommits.unlessWaitingForDisk(transactionManager, jdbc, properties);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTransactionManager(ProjectionProgress.PROCESSOR, c -> commits)
                .registerHandlerInterceptor(ProjectionProgress.PROCESSOR, c -> progress.reporter())
                // A failing projection is retried, never skipped: skipping would leave a read model wrong.
                .registerListenerInvocationErrorHandler(ProjectionProgress.PROCESSOR,
                                                        c -> PropagatingErrorHandler.instance()));
    }
}
