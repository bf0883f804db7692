package io.parley.query.dialog;

import io.parley.api.dialog.CountUnreadDialogs;
import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.DialogStarted;
import io.parley.api.dialog.FindUnreadCountChangesBetween;
import io.parley.api.dialog.UnreadCountChangesBetween.Change;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnreadDialogsProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    DialogListProjection dialogs;
    @Autowired
    DialogMessageProjection messages;
    @Autowired
    UnreadDialogsProjection projection;

    @Test
    void aMessageFromSomeoneElseMakesItsDialogUnreadOnce() {
        batch(() -> {
            start(20, 1, 2);
            start(21, 3, 2);
            post(200, 20, 1, 2);
            post(201, 20, 1, 3);
            post(210, 21, 3, 4);
        });

        assertThat(projection.handle(new CountUnreadDialogs(2))).isEqualTo(2);
        assertThat(projection.handle(new CountUnreadDialogs(1))).isZero();
        assertThat(changes(2, 4)).containsExactly(new Change(2, 2, 1), new Change(4, 2, 2));
    }

    /** The read mark and the deletion come in the batch that posted the messages: they find them. */
    @Test
    void readingOrDeletingTheLastUnreadMessageRecordsTheLowerCount() {
        batch(() -> {
            start(22, 1, 2);
            start(23, 3, 2);
            post(220, 22, 1, 2);
            post(221, 22, 1, 3);
            post(230, 23, 3, 4);
            both(new DialogMessageSeen(221, 22, 2, AT), 5);
            both(new DialogMessageDeleted(230, 23, 3, AT), 6);
        });

        assertThat(projection.handle(new CountUnreadDialogs(2))).isZero();
        assertThat(changes(2, 6)).containsExactly(new Change(2, 2, 1), new Change(4, 2, 2),
                                                  new Change(5, 2, 1), new Change(6, 2, 0));
    }

    @Test
    void aReadMarkInALaterBatchReadsEveryEarlierMessage() {
        batch(() -> {
            start(24, 1, 2);
            post(240, 24, 1, 2);
            post(241, 24, 1, 3);
        });
        batch(() -> both(new DialogMessageSeen(240, 24, 2, AT), 4));

        assertThat(projection.handle(new CountUnreadDialogs(2))).isEqualTo(1);
        batch(() -> both(new DialogMessageSeen(241, 24, 2, AT), 5));
        assertThat(projection.handle(new CountUnreadDialogs(2))).isZero();
        assertThat(changes(5, 5)).containsExactly(new Change(5, 2, 0));
    }

    private void start(long dialogId, long... users) {
        dialogs.on(new DialogStarted(dialogId, List.of(users[0], users[1]), users[0], AT), at(1));
    }

    /** As the processor does: each projection of the group handles the message. */
    private void post(long messageId, long dialogId, long authorId, long position) {
        // Even dialogs are between users 1 and 2, odd ones between 3 and 2.
        List<Long> participants = dialogId % 2 == 0 ? List.of(1L, 2L) : List.of(3L, 2L);
        DialogMessagePosted event = new DialogMessagePosted(messageId, dialogId, authorId, "hi", null, participants, AT);
        dialogs.on(event, at(position));
        messages.on(event, at(position));
        projection.on(event, at(position));
    }

    private void both(DialogMessageSeen event, long position) {
        messages.on(event);
        projection.on(event, at(position));
    }

    private void both(DialogMessageDeleted event, long position) {
        messages.on(event);
        projection.on(event, at(position));
    }

    private List<Change> changes(long from, long to) {
        return projection.handle(new FindUnreadCountChangesBetween(from, to)).changes();
    }
}
