package io.parley.gateway.eventstore;

import io.parley.gateway.support.ParleyTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A projections batch commits asynchronously; everything else on the same pool still waits for the disk. */
class AsynchronousProjectionCommitsTest extends ParleyTest {

    @Autowired
    AsynchronousProjectionCommits commits;
    @Autowired
    TransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchCommitsWithoutWaitingForTheFlushAndNothingElseDoes() throws Exception {
        List<EventMessage<?>> events = List.of(GenericEventMessage.asEventMessage("first"),
                                               GenericEventMessage.asEventMessage("second"));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.attachTransaction(transactions);
        List<String> atCommit = new ArrayList<>();
        batch.executeWithResult(() -> commits.interceptor().handle(batch, () -> {
            // a projection's write, as BatchWrites makes it: just before the commit, inside the transaction
            batch.root().getOrComputeResource("test-write", key -> {
                batch.root().onPrepareCommit(u -> atCommit.add(
                        jdbc.queryForObject("show synchronous_commit", String.class)));
                return Boolean.TRUE;
            });
            return null;
        }));
        assertThat(atCommit).containsExactly("off");
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
    }
}
