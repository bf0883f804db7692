package io.parley.command.server;

import io.parley.command.CommandTargets;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.api.server.DeleteChannelMessage;
import io.parley.api.server.EditChannelMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static io.parley.command.Refusals.expectRefusal;
import static org.assertj.core.api.Assertions.assertThat;

class ChannelMessageTest {

    private static final long SERVER = 1;
    private static final long CHANNEL = 100;
    private static final long MESSAGE = 500;
    private static final long OWNER = 10;
    private static final long AUTHOR = 20;
    private static final long OTHER_MEMBER = 30;
    private static final long OUTSIDER = 99;

    private AggregateTestFixture<ChannelMessage> fixture;
    /** What the server says each user may do in the channel now; anyone else: NONE. */
    private final Map<Long, ChannelAccess> access = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChannelMessage.class);
        // The resolver the aggregates name in production, so these tests go through it too.
        fixture.registerCommandTargetResolver(new CommandTargets());
        access.put(OWNER, ChannelAccess.OWNER);
        access.put(AUTHOR, ChannelAccess.MEMBER);
        access.put(OTHER_MEMBER, ChannelAccess.MEMBER);
        ServerAccess server = (serverId, channelId, userId) -> {
            // The message asks about its own server and channel.
            assertThat(serverId).isEqualTo(SERVER);
            assertThat(channelId).isEqualTo(CHANNEL);
            return access.getOrDefault(userId, ChannelAccess.NONE);
        };
        fixture.registerInjectableResource(server);
    }

    // --- EditChannelMessage ---

    @Test
    void theAuthorEdits() {
        givenPosted().when(new EditChannelMessage(MESSAGE, AUTHOR, "better"))
                     .expectEvents(new ChannelMessageEdited(MESSAGE, CHANNEL, SERVER, AUTHOR, "better",
                                                            fixture.currentTime()));
    }

    @Test
    void anEditToTheSameTextStoresNothing() {
        givenPosted().when(new EditChannelMessage(MESSAGE, AUTHOR, "hello"))
                     .expectSuccessfulHandlerExecution()
                     .expectNoEvents();
    }

    @Test
    void anotherMemberCannotEdit() {
        expectRefusal(givenPosted().when(new EditChannelMessage(MESSAGE, OTHER_MEMBER, "mine")), Refusal.FORBIDDEN);
    }

    @Test
    void theOwnerCannotEditEither() {
        expectRefusal(givenPosted().when(new EditChannelMessage(MESSAGE, OWNER, "mine")), Refusal.FORBIDDEN);
    }

    @Test
    void aBlankMissingOrTooLongTextIsRefused() {
        for (String text : new String[]{"  ", null, "x".repeat(Limits.CHANNEL_MESSAGE_TEXT_MAX + 1)}) {
            expectRefusal(givenPosted().when(new EditChannelMessage(MESSAGE, AUTHOR, text)), Refusal.BAD_REQUEST);
        }
    }

    @Test
    void anAuthorWhoIsNoLongerAMemberCannotEdit() {
        access.remove(AUTHOR);
        expectRefusal(givenPosted().when(new EditChannelMessage(MESSAGE, AUTHOR, "still mine?")), Refusal.NOT_FOUND);
    }

    // --- DeleteChannelMessage ---

    @Test
    void theAuthorDeletes() {
        givenPosted().when(new DeleteChannelMessage(MESSAGE, AUTHOR))
                     .expectEvents(deleted(AUTHOR));
    }

    @Test
    void theOwnerDeletesAnyMessage() {
        givenPosted().when(new DeleteChannelMessage(MESSAGE, OWNER))
                     .expectEvents(deleted(OWNER));
    }

    @Test
    void anotherMemberCannotDelete() {
        expectRefusal(givenPosted().when(new DeleteChannelMessage(MESSAGE, OTHER_MEMBER)), Refusal.FORBIDDEN);
    }

    // --- who learns nothing ---

    @ParameterizedTest
    @MethodSource("commandsOnTheMessage")
    void anOutsiderLearnsNothing(Object command) {
        expectRefusal(givenPosted().when(command), Refusal.NOT_FOUND);
    }

    static Stream<Object> commandsOnTheMessage() {
        return Stream.of(new EditChannelMessage(MESSAGE, OUTSIDER, "x"),
                         new DeleteChannelMessage(MESSAGE, OUTSIDER));
    }

    @Test
    void onceTheChannelIsGoneTheMessageIsUnreachableEvenForItsAuthor() {
        access.clear(); // what the server answers for a deleted channel
        expectRefusal(givenPosted().when(new EditChannelMessage(MESSAGE, AUTHOR, "x")), Refusal.NOT_FOUND);
        expectRefusal(givenPosted().when(new DeleteChannelMessage(MESSAGE, OWNER)), Refusal.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("commandsByTheAuthor")
    void aDeletedMessageIsNotFoundByAnyCommand(Object command) {
        expectRefusal(givenPosted().andGiven(deleted(AUTHOR)).when(command), Refusal.NOT_FOUND);
    }

    static Stream<Object> commandsByTheAuthor() {
        return Stream.of(new EditChannelMessage(MESSAGE, AUTHOR, "too late"),
                         new DeleteChannelMessage(MESSAGE, AUTHOR));
    }

    private TestExecutor<ChannelMessage> givenPosted() {
        return fixture.given(new ChannelMessagePosted(MESSAGE, CHANNEL, SERVER, AUTHOR, "hello",
                                                      fixture.currentTime()));
    }

    private ChannelMessageDeleted deleted(long by) {
        return new ChannelMessageDeleted(MESSAGE, CHANNEL, SERVER, by, fixture.currentTime());
    }
}
