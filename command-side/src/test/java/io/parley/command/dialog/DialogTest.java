package io.parley.command.dialog;

import io.parley.command.CommandTargets;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogStarted;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.api.dialog.StartDialog;
import io.parley.command.NonceClaims;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import static io.parley.command.Refusals.expectRefusal;

class DialogTest {

    private static final long DIALOG = 1;
    private static final long MESSAGE = 500;
    private static final long ALICE = 10;
    private static final long BOB = 20;
    private static final long CAROL = 30;
    private static final long OUTSIDER = 99;
    private static final List<Long> PARTICIPANTS = List.of(CAROL, ALICE, BOB);

    private AggregateTestFixture<Dialog> fixture;
    /** The nonce rule itself (a user's nonce names one message), kept in memory for the fixture. */
    private final Map<String, Long> nonces = new HashMap<>();
    private final Map<String, Long> dialogs = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dialog.class);
        // The resolver the aggregates name in production, so these tests go through it too.
        fixture.registerCommandTargetResolver(new CommandTargets());
        NonceClaims claims = (userId, nonce, messageId) ->
                Optional.ofNullable(nonces.putIfAbsent(userId + "/" + nonce, messageId));
        fixture.registerInjectableResource(claims);
        // The one-dialog-per-set rule, kept in memory for the fixture.
        DialogClaims dialogClaims = (participants, dialogId) ->
                Optional.ofNullable(dialogs.putIfAbsent(DialogClaims.key(participants), dialogId));
        fixture.registerAnnotatedCommandHandler(new DialogStarts(fixture.getRepository(), dialogClaims));
    }

    // --- StartDialog ---

    @Test
    void startDialogKeepsEachParticipantOnceInTheGivenOrder() {
        fixture.givenNoPriorActivity()
               .when(new StartDialog(DIALOG, List.of(BOB, ALICE, BOB, CAROL, ALICE), ALICE))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new DialogStarted(DIALOG, List.of(BOB, ALICE, CAROL), ALICE, fixture.currentTime()));
    }

    @Test
    void startingTheSameUsersAgainInAnyOrderAnswersTheirDialogAndStoresNothing() {
        dialogs.put(DialogClaims.key(List.of(ALICE, BOB)), DIALOG);
        fixture.givenNoPriorActivity()
               .when(new StartDialog(DIALOG + 1, List.of(BOB, ALICE, BOB), CAROL))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(DIALOG);
    }

    @Test
    void otherUsersGetADialogOfTheirOwn() {
        dialogs.put(DialogClaims.key(List.of(ALICE, BOB)), DIALOG);
        fixture.givenNoPriorActivity()
               .when(new StartDialog(DIALOG + 1, List.of(ALICE, BOB, CAROL), ALICE))
               .expectEvents(new DialogStarted(DIALOG + 1, List.of(ALICE, BOB, CAROL), ALICE, fixture.currentTime()))
               .expectResultMessagePayload(DIALOG + 1);
    }

    @Test
    void startDialogAcceptsTheMostParticipantsAllowed() {
        List<Long> users = userIds(Limits.DIALOG_PARTICIPANTS_MAX);
        fixture.givenNoPriorActivity()
               .when(new StartDialog(DIALOG, users, 1))
               .expectEvents(new DialogStarted(DIALOG, users, 1, fixture.currentTime()));
    }

    @Test
    void startDialogRefusesASingleUser() {
        expectRefusal(fixture.givenNoPriorActivity().when(new StartDialog(DIALOG, List.of(ALICE), ALICE)),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void startDialogRefusesTheSameUserTwice() {
        // Two ids, but only one user: duplicates do not count towards the minimum.
        expectRefusal(fixture.givenNoPriorActivity().when(new StartDialog(DIALOG, List.of(ALICE, ALICE), ALICE)),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void startDialogRefusesMoreParticipantsThanAllowed() {
        List<Long> users = userIds(Limits.DIALOG_PARTICIPANTS_MAX + 1);
        expectRefusal(fixture.givenNoPriorActivity().when(new StartDialog(DIALOG, users, 1)),
                      Refusal.BAD_REQUEST);
    }

    // --- PostDialogMessage ---

    @Test
    void aParticipantPostsAMessageThatCarriesTheParticipants() {
        givenDialog().when(post(BOB, "hello"))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(MESSAGE)
                     .expectEvents(posted(BOB, "hello", null));
    }

    @Test
    void thePostedMessageKeepsItsFile() {
        givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, "see attachment", 77L, null))
                     .expectEvents(posted(ALICE, "see attachment", 77L));
    }

    @Test
    void aBodyOfTheGreatestAllowedLengthIsPosted() {
        String longest = "x".repeat(Limits.DIALOG_BODY_MAX);
        givenDialog().when(post(ALICE, longest))
                     .expectEvents(posted(ALICE, longest, null));
    }

    @Test
    void anOutsiderCannotPost() {
        expectRefusal(givenDialog().when(post(OUTSIDER, "hello")), Refusal.NOT_FOUND);
    }

    @Test
    void anOutsiderLearnsNothingEvenFromABadBody() {
        // The membership check comes first, so the answer does not reveal that the dialog exists.
        expectRefusal(givenDialog().when(post(OUTSIDER, " ")), Refusal.NOT_FOUND);
    }

    @Test
    void aBlankBodyIsRefused() {
        expectRefusal(givenDialog().when(post(BOB, " \t\n")), Refusal.BAD_REQUEST);
    }

    @Test
    void aMissingBodyIsRefused() {
        expectRefusal(givenDialog().when(post(BOB, null)), Refusal.BAD_REQUEST);
    }

    @Test
    void aFileMayComeWithoutABody() {
        givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, null, 77L, null))
                     .expectEvents(posted(ALICE, "", 77L));
    }

    @Test
    void aFileWithABlankBodyIsRefused() {
        expectRefusal(givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, " ", 77L, null)),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void aBodyLongerThanTheLimitIsRefused() {
        expectRefusal(givenDialog().when(post(BOB, "x".repeat(Limits.DIALOG_BODY_MAX + 1))), Refusal.BAD_REQUEST);
    }

    // --- nonce ---

    @Test
    void aNewNonceIsClaimedForTheNewMessage() {
        givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, "hi", null, "n-1"))
                     .expectResultMessagePayload(MESSAGE)
                     .expectEvents(posted(ALICE, "hi", null));
        org.assertj.core.api.Assertions.assertThat(nonces).containsEntry(ALICE + "/n-1", MESSAGE);
    }

    @Test
    void aRepeatedNonceAnswersTheFirstMessageAndPostsNothing() {
        nonces.put(ALICE + "/n-1", 400L);
        givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, "hi again", null, "n-1"))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(400L)
                     .expectNoEvents();
    }

    @Test
    void anotherUsersNonceIsTheirOwn() {
        nonces.put(BOB + "/n-1", 400L);
        givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, "hi", null, "n-1"))
                     .expectResultMessagePayload(MESSAGE)
                     .expectEvents(posted(ALICE, "hi", null));
    }

    @Test
    void aBlankOrOverlongNonceIsRefused() {
        expectRefusal(givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, "hi", null, " ")),
                      Refusal.BAD_REQUEST);
        expectRefusal(givenDialog().when(new PostDialogMessage(DIALOG, MESSAGE, ALICE, "hi", null, "n".repeat(101))),
                      Refusal.BAD_REQUEST);
    }

    private TestExecutor<Dialog> givenDialog() {
        return fixture.given(new DialogStarted(DIALOG, PARTICIPANTS, ALICE, fixture.currentTime()));
    }

    private static PostDialogMessage post(long authorId, String body) {
        return new PostDialogMessage(DIALOG, MESSAGE, authorId, body, null, null);
    }

    private DialogMessagePosted posted(long authorId, String body, Long fileId) {
        return new DialogMessagePosted(MESSAGE, DIALOG, authorId, body, fileId, PARTICIPANTS, fixture.currentTime());
    }

    private static List<Long> userIds(int count) {
        return LongStream.rangeClosed(1, count).boxed().toList();
    }
}
