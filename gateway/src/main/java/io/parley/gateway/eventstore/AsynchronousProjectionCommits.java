package io.parley.gateway.eventstore;

import io.parley.gateway.ParleyProperties;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projections' batches commit without waiting for PostgreSQL to flush them to disk
 * ({@code synchronous_commit} off, for that transaction only). Their rows are derived from the event store
 * and commit together with the processor's token, so a crash of PostgreSQL loses at most its last moments
 * of projection work, rows and token together, and the processor does it again from the store when it
 * starts. Events (commands) still wait for the disk. In a replay, waiting for each batch's flush took 17%
 * of the projections thread's time. Other databases (H2) commit as they do, and so does PostgreSQL with
 * {@code parley.projections.asynchronous-commit: false}.
 */
@Component
public class AsynchronousProjectionCommits {

    private static final String APPLIED = AsynchronousProjectionCommits.class.getName();

    private final JdbcTemplate jdbc;
    private final boolean enabled;
    private volatile Boolean postgres;

    public AsynchronousProjectionCommits(JdbcTemplate jdbc, ParleyProperties properties) {
        this.jdbc = jdbc;
        this.enabled = properties.getProjections().isAsynchronousCommit();
    }

    /** An interceptor for the projections processor: once per batch, inside its transaction. */
    public MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return (unitOfWork, chain) -> {
            if (enabled && postgres()) {
                UnitOfWork<?> batch = unitOfWork.root();
                batch.getOrComputeResource(APPLIED, key -> {
                    batch.onPrepareCommit(u -> jdbc.execute("SET LOCAL synchronous_commit TO OFF"));
                    return Boolean.TRUE;
                });
            }
            return chain.proceed();
        };
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) c ->
                    "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()));
            postgres = known;
        }
        return known;
    }
}
