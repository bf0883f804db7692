package io.parley.processing;

import io.parley.api.AggregateIds;
import io.parley.api.Refusal;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.eventstore.StreamHead;
import io.parley.gateway.IdAllocator;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A write answers where its events landed: the position the store gave them, read back here, when this
 * node appended them; the store's head read after they returned when they were handled elsewhere.
 */
@DisabledIfEnvironmentVariable(named = "PARLEY_TEST_AXONSERVER", matches = ".+",
                               disabledReason = "reads the positions back from Parley's PostgreSQL event store")
class CommandWritesTest extends ParleyTest {

    @Autowired
    CommandWrites writes;

    @Autowired
    IdAllocator ids;

    @Autowired
    CommandBus commandBus;

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    StreamHead head;

    private final long alice = Tokens.newUserId();
    private final long bob = Tokens.newUserId();
    private final long outsider = Tokens.newUserId();

    /** Alice and Bob's new dialog; the outsider is a user too. */
    private long dialog() {
        for (long user : new long[]{alice, bob, outsider}) {
            connect(user).close();
        }
        return startDialog(alice, bob);
    }

    private PostDialogMessage post(long dialog, long author, String nonce) {
        return new PostDialogMessage(dialog, ids.next(), author, "hello", null, nonce);
    }

    private static List<CommandMessage<?>> messages(PostDialogMessage... posts) {
        return List.of(posts).stream().<CommandMessage<?>>map(GenericCommandMessage::asCommandMessage).toList();
    }

    /** The global position the post's event was stored at. */
    private static long storedAt(PostDialogMessage post) {
        return TestDatabase.count("select global_index from domain_event_entry where aggregate_identifier = '"
                                          + AggregateIds.dialogMessage(post.messageId()) + "'");
    }

    @Test
    void aCommandAnswersThePositionItsEventWasStoredAt() {
        PostDialogMessage post = post(dialog(), alice, null);
        CommandWrites.Stored stored = writes.store(messages(post));
        assertThat(stored.results()).containsExactly(post.messageId());
        assertThat(stored.position()).isEqualTo(storedAt(post));
    }

    @Test
    void aGroupAnswersTheHighestPositionOfItsEvents() {
        long dialog = dialog();
        PostDialogMessage one = post(dialog, alice, null);
        PostDialogMessage two = post(dialog, bob, null);
        PostDialogMessage three = post(dialog, alice, null);
        CommandWrites.Stored stored = writes.store(messages(one, two, three));
        assertThat(stored.results()).containsExactly(one.messageId(), two.messageId(), three.messageId());
        assertThat(stored.position()).isEqualTo(Math.max(storedAt(one), Math.max(storedAt(two), storedAt(three))));
    }

    @Test
    void aRefusedCommandInAGroupStoresNothingOfTheGroup() {
        long dialog = dialog();
        long before = storedEvents();
        PostDialogMessage first = post(dialog, alice, null);
        PostDialogMessage refused = post(dialog, outsider, null);
        PostDialogMessage last = post(dialog, bob, null);
        Throwable thrown = catchThrowable(() -> writes.store(messages(first, refused, last)));
        assertThat(thrown).isInstanceOf(Refusal.class);
        assertThat(((Refusal) thrown).code()).isEqualTo(Refusal.NOT_FOUND);
        assertThat(storedEvents()).isEqualTo(before);
        // The thread is left without a unit of work: its next write starts afresh.
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
        PostDialogMessage after = post(dialog, alice, null);
        assertThat(writes.store(messages(after)).position()).isEqualTo(storedAt(after));
    }

    @Test
    void aCommandThatStoresNothingAnswersMinusOne() {
        long dialog = dialog();
        PostDialogMessage first = post(dialog, alice, "same");
        writes.store(messages(first));
        long before = storedEvents();
        // The same nonce again: the handler answers the first message and applies nothing.
        CommandWrites.Stored again = writes.store(messages(post(dialog, alice, "same")));
        assertThat(again.results()).containsExactly(first.messageId());
        assertThat(again.position()).isEqualTo(-1);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void commandsHandledElsewhereAnswerTheHeadReadAfterTheyReturned() throws Exception {
        ExecutorService elsewhere = Executors.newSingleThreadExecutor();
        try {
            // This node's handlers, reached as another node's are: in a unit of work of their own on another
            // thread, committed before the result comes back.
            CommandWrites remote = new CommandWrites(
                    DefaultCommandGateway.builder().commandBus(new OnAnotherThread(commandBus, elsewhere)).build(),
                    transactionManager, head, true);
            long dialog = dialog();
            PostDialogMessage post = post(dialog, alice, "remote");
            CommandWrites.Stored stored = remote.store(messages(post));
            long headAfter = head.position();
            assertThat(stored.results()).containsExactly(post.messageId());
            assertThat(stored.position()).isBetween(storedAt(post), headAfter);

            // Nothing stored, but this node cannot know that: the head, past the first post, not -1.
            CommandWrites.Stored again = remote.store(messages(post(dialog, alice, "remote")));
            assertThat(again.results()).containsExactly(post.messageId());
            assertThat(again.position()).isGreaterThanOrEqualTo(storedAt(post));
        } finally {
            elsewhere.shutdown();
        }
    }

    /** A command bus that hands every command to the node's own bus on another thread. */
    private record OnAnotherThread(CommandBus node, ExecutorService thread) implements CommandBus {

        @Override
        public <C> void dispatch(CommandMessage<C> command) {
            thread.execute(() -> node.dispatch(command));
        }

        @Override
        public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
            thread.execute(() -> node.dispatch(command, callback));
        }

        @Override
        public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
            return node.subscribe(commandName, handler);
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
            return node.registerHandlerInterceptor(handlerInterceptor);
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            return node.registerDispatchInterceptor(dispatchInterceptor);
        }
    }
}
