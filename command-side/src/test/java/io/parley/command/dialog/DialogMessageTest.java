package io.parley.command.dialog;

import io.parley.command.CommandTargets;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.dialog.DeleteDialogMessage;
import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.EditDialogMessage;
import io.parley.api.dialog.MarkDialogMessageSeen;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.parley.command.Refusals.expectRefusal;

class DialogMessageTest {

    private static final long DIALOG = 1;
    private static final long OTHER_DIALOG = 2;
    private static final long MESSAGE = 500;
    private static final long AUTHOR = 10;
    private static final long BOB = 20;
    private static final long CAROL = 30;
    private static final long OUTSIDER = 99;
    private static final String BODY = "hello";

    private AggregateTestFixture<DialogMessage> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DialogMessage.class);
        // The resolver the aggregates name in production, so these tests go through it too.
        fixture.registerCommandTargetResolver(new CommandTargets());
    }

    // --- MarkDialogMessageSeen ---

    @Test
    void anotherParticipantSeesTheMessage() {
        givenPosted().when(seenBy(BOB))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(true)
                     .expectEvents(new DialogMessageSeen(MESSAGE, DIALOG, BOB, fixture.currentTime()));
    }

    @Test
    void seeingTheMessageAgainChangesNothing() {
        givenPosted().andGiven(seen(BOB))
                     .when(seenBy(BOB))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(false) // told to the caller: no push will answer it
                     .expectNoEvents();
    }

    @Test
    void eachReaderSeesTheMessageForThemselves() {
        givenPosted().andGiven(seen(BOB))
                     .when(seenBy(CAROL))
                     .expectEvents(new DialogMessageSeen(MESSAGE, DIALOG, CAROL, fixture.currentTime()));
    }

    @Test
    void theAuthorCannotMarkTheirOwnMessageSeen() {
        expectRefusal(givenPosted().when(seenBy(AUTHOR)), Refusal.FORBIDDEN);
    }

    @Test
    void anOutsiderCannotSeeTheMessage() {
        expectRefusal(givenPosted().when(seenBy(OUTSIDER)), Refusal.NOT_FOUND);
    }

    @Test
    void theMessageIsNotFoundInAnotherDialog() {
        expectRefusal(givenPosted().when(new MarkDialogMessageSeen(MESSAGE, OTHER_DIALOG, BOB)), Refusal.NOT_FOUND);
    }

    // --- EditDialogMessage ---

    @Test
    void theAuthorEditsTheMessage() {
        givenPosted().when(edit(AUTHOR, "hello, world"))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(true)
                     .expectEvents(new DialogMessageEdited(MESSAGE, DIALOG, AUTHOR, "hello, world",
                                                           fixture.currentTime()));
    }

    @Test
    void editingToTheSameBodyChangesNothing() {
        givenPosted().when(edit(AUTHOR, BODY))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(false)
                     .expectNoEvents();
    }

    @Test
    void editingToTheBodyOfTheLastEditChangesNothing() {
        givenPosted().andGiven(edited("second"))
                     .when(edit(AUTHOR, "second"))
                     .expectSuccessfulHandlerExecution()
                     .expectNoEvents();
    }

    @Test
    void anEditMayRestoreTheOriginalBody() {
        givenPosted().andGiven(edited("second"))
                     .when(edit(AUTHOR, BODY))
                     .expectEvents(new DialogMessageEdited(MESSAGE, DIALOG, AUTHOR, BODY, fixture.currentTime()));
    }

    @Test
    void anotherParticipantCannotEdit() {
        expectRefusal(givenPosted().when(edit(BOB, "mine now")), Refusal.FORBIDDEN);
    }

    @Test
    void anOutsiderCannotEdit() {
        expectRefusal(givenPosted().when(edit(OUTSIDER, "mine now")), Refusal.NOT_FOUND);
    }

    @Test
    void aBlankEditIsRefused() {
        expectRefusal(givenPosted().when(edit(AUTHOR, "   ")), Refusal.BAD_REQUEST);
    }

    @Test
    void aMissingEditBodyIsRefused() {
        expectRefusal(givenPosted().when(edit(AUTHOR, null)), Refusal.BAD_REQUEST);
    }

    @Test
    void anEditLongerThanTheLimitIsRefused() {
        expectRefusal(givenPosted().when(edit(AUTHOR, "x".repeat(Limits.DIALOG_BODY_MAX + 1))),
                      Refusal.BAD_REQUEST);
    }

    // --- DeleteDialogMessage ---

    @Test
    void theAuthorDeletesTheMessage() {
        givenPosted().when(new DeleteDialogMessage(MESSAGE, AUTHOR))
                     .expectSuccessfulHandlerExecution()
                     .expectEvents(new DialogMessageDeleted(MESSAGE, DIALOG, AUTHOR, fixture.currentTime()));
    }

    @Test
    void anotherParticipantCannotDelete() {
        expectRefusal(givenPosted().when(new DeleteDialogMessage(MESSAGE, BOB)), Refusal.FORBIDDEN);
    }

    @Test
    void anOutsiderCannotDelete() {
        expectRefusal(givenPosted().when(new DeleteDialogMessage(MESSAGE, OUTSIDER)), Refusal.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("commandsOnTheMessage")
    void aDeletedMessageIsNotFoundByAnyCommand(Object command) {
        expectRefusal(givenPosted().andGiven(new DialogMessageDeleted(MESSAGE, DIALOG, AUTHOR, fixture.currentTime()))
                                   .when(command),
                      Refusal.NOT_FOUND);
    }

    static Stream<Object> commandsOnTheMessage() {
        return Stream.of(new MarkDialogMessageSeen(MESSAGE, DIALOG, BOB),
                         new EditDialogMessage(MESSAGE, AUTHOR, "too late"),
                         new DeleteDialogMessage(MESSAGE, AUTHOR));
    }

    private TestExecutor<DialogMessage> givenPosted() {
        return fixture.given(new DialogMessagePosted(MESSAGE, DIALOG, AUTHOR, BODY, null,
                                                     List.of(AUTHOR, BOB, CAROL), fixture.currentTime()));
    }

    private DialogMessageSeen seen(long readerId) {
        return new DialogMessageSeen(MESSAGE, DIALOG, readerId, fixture.currentTime());
    }

    private DialogMessageEdited edited(String body) {
        return new DialogMessageEdited(MESSAGE, DIALOG, AUTHOR, body, fixture.currentTime());
    }

    private static MarkDialogMessageSeen seenBy(long readerId) {
        return new MarkDialogMessageSeen(MESSAGE, DIALOG, readerId);
    }

    private static EditDialogMessage edit(long editorId, String body) {
        return new EditDialogMessage(MESSAGE, editorId, body);
    }
}
