package io.parley.processing;

import io.parley.eventstore.AppendedPositions;
import io.parley.eventstore.StreamHead;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes, and where they landed: sends commands in one unit of work and answers their results with the
 * global position read-your-writes waits for ({@link ProjectionProgress}).
 * <p>
 * Where the commands run here and this node's engine appends their events, they are stored all or nothing
 * in one transaction, and the engine tells exactly where ({@link AppendedPositions}). Otherwise (Axon
 * Server as the event store, or a command handled in another process or on another thread) each command's
 * events were committed before its result came back, so the head of the store read after that is at or
 * past them: a correct position to wait for, only perhaps a little later than theirs.
 */
@Component
public class CommandWrites {

    /** The identifiers of the commands sent in a root unit of work whose handlers have not run in it yet. */
    private static final String NOT_HANDLED_HERE = CommandWrites.class.getName() + ".notHandledHere";

    private final CommandGateway commandGateway;
    private final TransactionManager transactionManager;
    private final StreamHead head;
    /** Whether this node appends the events of the commands it handles, through the engine that reports them. */
    private final boolean appendsHere;

    @Autowired
    public CommandWrites(CommandGateway commandGateway, CommandBus commandBus, TransactionManager transactionManager,
                         StreamHead head, ObjectProvider<EventStorageEngine> engine) {
        this(commandGateway, transactionManager, head, engine.getIfAvailable() != null);
        commandBus.registerHandlerInterceptor(handledHere());
    }

    /**
     * Over a gateway of one's own, whose commands may be handled elsewhere (a test's); the bus that handles
     * them on this node already has {@link #handledHere()}.
     */
    CommandWrites(CommandGateway commandGateway, TransactionManager transactionManager, StreamHead head,
                  boolean appendsHere) {
        this.commandGateway = commandGateway;
        this.transactionManager = transactionManager;
        this.head = head;
        this.appendsHere = appendsHere;
    }

    /** What commands wrote: each one's result, and the position to wait for (-1: they stored nothing). */
    public record Stored(List<Object> results, long position) {
    }

    /** Whether the commands of one {@link #store} are stored all or nothing: they run and append here. */
    public boolean allOrNothing() {
        return appendsHere;
    }

    /**
     * Sends these commands one after the other in one unit of work and commits it: answers once their events
     * are stored. Where they run here ({@link #allOrNothing()}), each command's own unit of work nests in it,
     * so all their events are appended as it commits, in one statement and one transaction: if any command
     * fails, nothing of them is stored. A failure is thrown as the command or the commit threw it. Called
     * from outside any unit of work: this one must be a root, whose commit is the append.
     */
    public Stored store(List<? extends CommandMessage<?>> commands) {
        if (CurrentUnitOfWork.isStarted()) {
            // Nested, its events would be appended only as the enclosing unit commits: no position to tell yet.
            throw new IllegalStateException("commands are stored from outside any unit of work");
        }
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        Set<String> notHandledHere = new HashSet<>();
        try {
            if (appendsHere) {
                // The handlers' own writes and the appends share it; elsewhere there is nothing to share.
                unit.attachTransaction(transactionManager);
            }
            for (CommandMessage<?> command : commands) {
                notHandledHere.add(command.getIdentifier());
            }
            unit.resources().put(NOT_HANDLED_HERE, notHandledHere);
            List<Object> results = new ArrayList<>(commands.size());
            for (CommandMessage<?> command : commands) {
                results.add(commandGateway.sendAndWait(command));
            }
            unit.commit();
            return new Stored(results, positionOf(unit, notHandledHere.isEmpty()));
        } catch (RuntimeException | Error e) {
            if (unit.isActive()) {
                unit.rollback(e);
            }
            throw e;
        }
    }

    private long positionOf(UnitOfWork<?> committed, boolean allHandledHere) {
        if (appendsHere && allHandledHere) {
            return AppendedPositions.highestIn(committed);
        }
        // Each command's events were committed where it ran before its result came back.
        return head.position();
    }

    /**
     * Notes in the root unit of work that a command's handler runs in it. A command handled on another thread
     * or in another process runs in a unit of work of its own, and leaves its identifier unnoted.
     */
    static MessageHandlerInterceptor<CommandMessage<?>> handledHere() {
        return (unitOfWork, chain) -> {
            Set<String> notHandledHere = unitOfWork.root().getResource(NOT_HANDLED_HERE);
            if (notHandledHere != null) {
                notHandledHere.remove(unitOfWork.getMessage().getIdentifier());
            }
            return chain.proceed();
        };
    }
}
