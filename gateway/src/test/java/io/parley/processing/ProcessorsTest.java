package io.parley.processing;

import io.parley.notifications.DialogEmailNotifier;
import io.parley.gateway.support.ParleyTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors as {@link ProcessingConfiguration} sets them up in the running application. */
class ProcessorsTest extends ParleyTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void theProjectionsProcessorOffersEventsByPayloadTypeAndTheEmailProcessorAsAxonDoes() {
        TrackingEventProcessor projections = processing.eventProcessor(ProjectionProgress.PROCESSOR,
                                                                       TrackingEventProcessor.class).orElseThrow();
        assertThat(projections.eventHandlerInvoker()).isInstanceOf(HandlersByPayloadType.class);
        TrackingEventProcessor email = processing.eventProcessor(DialogEmailNotifier.PROCESSOR,
                                                                 TrackingEventProcessor.class).orElseThrow();
        assertThat(email.eventHandlerInvoker()).isNotInstanceOf(HandlersByPayloadType.class);
    }

    @Autowired
    org.axonframework.common.transaction.TransactionManager commandTransactions;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void readModelAndOutboxCommitsSkipTheDiskWaitWhileTheEventStoresKeepIt() {
        // The projections' and the email processor's writes can be given again from the store; the
        // events cannot, so their commits (through Axon's own transaction manager) still wait.
        for (String processor : List.of(ProjectionProgress.PROCESSOR, DialogEmailNotifier.PROCESSOR)) {
            assertThat(processing.transactionManager(processor).fetchInTransaction(
                    () -> jdbc.queryForObject("show synchronous_commit", String.class))).isEqualTo("off");
        }
        assertThat(commandTransactions.fetchInTransaction(
                () -> jdbc.queryForObject("show synchronous_commit", String.class))).isEqualTo("on");
        // Only for that transaction: the connection goes back to the pool as it came.
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
    }
}
