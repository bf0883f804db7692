package io.parley.notifications;

import io.parley.processing.ProcessingProperties;
import io.parley.processing.RebuildableCommits;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.lifecycle.Phase;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.concurrent.TimeUnit;

/**
 * The {@code dialog-email} processor: its position is stored (unlike the push stream's), a fresh install
 * starts at the head so no old message is ever mailed, and its commits are those of the read models
 * ({@link RebuildableCommits}): the outbox's rows are written again from the events after a crash.
 */
@Configuration
@EnableConfigurationProperties(EmailProperties.class)
public class EmailProcessing {

    @Bean
    public ConfigurerModule dialogEmailProcessor(TransactionManager transactionManager, JdbcTemplate jdbc,
                                                 ProcessingProperties properties,
                                                 @Value("${axon.eventhandling.processors.projections.token-claim-interval:5000}")
                                                 long tokenClaimIntervalMillis) {
        TransactionManager commits = RebuildableCommits.unlessWaitingForDisk(transactionManager, jdbc, properties);
        return configurer -> {
            configurer.onInitialize(EmailProcessing::stopBeforeTheReadModels);
            configurer.eventProcessing(processing -> processing
                    .registerTransactionManager(DialogEmailNotifier.PROCESSOR, c -> commits)
                    // A failing email handler is retried, never skipped: skipping would leave a mail unsent for good.
                    .registerListenerInvocationErrorHandler(DialogEmailNotifier.PROCESSOR,
                                                            c -> PropagatingErrorHandler.instance())
                    .registerTrackingEventProcessor(
                            DialogEmailNotifier.PROCESSOR,
                            org.axonframework.config.Configuration::eventStore,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                    .andBatchSize(50)
                                                                    // as often as the projections (application.yml)
                                                                    .andTokenClaimInterval(tokenClaimIntervalMillis,
                                                                                           TimeUnit.MILLISECONDS)
                                                                    .andInitialTrackingToken(
                                                                            StreamableMessageSource::createHeadToken)));
        };
    }

    /**
     * Axon stops all processors in one phase, at once. A batch of this processor waits for the read models
     * to show its messages; were the projections stopped first, it would wait out the shutdown's timeout
     * and be interrupted. So it stops a phase earlier, while the read models still move.
     */
    private static void stopBeforeTheReadModels(org.axonframework.config.Configuration config) {
        config.onShutdown(Phase.INBOUND_EVENT_CONNECTORS + 1, () -> config.eventProcessingConfiguration()
                .eventProcessor(DialogEmailNotifier.PROCESSOR)
                .ifPresent(EventProcessor::shutDown));
    }
}
