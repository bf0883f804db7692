package io.parley.query.dialog;

import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogPage;
import io.parley.api.dialog.DialogStarted;
import io.parley.api.dialog.DialogSummary;
import io.parley.api.dialog.DialogView;
import io.parley.api.dialog.FindDialog;
import io.parley.api.dialog.LoadDialogs;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DialogListProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    DialogListProjection projection;
    @Autowired
    DialogMessageProjection messages;
    @Autowired
    UnreadDialogsProjection unread;

    @Test
    void aDialogIsFoundWithItsParticipants() {
        batch(() -> projection.on(new DialogStarted(13, List.of(1L, 2L), 1, AT), at(1)));

        assertThat(projection.handle(new FindDialog(13))).isEqualTo(new DialogSummary(13, List.of(1L, 2L)));
        assertThat(projection.handle(new FindDialog(14))).isNull();
    }

    /** The dialog with the newest message comes first, with that message and the caller's unread count. */
    @Test
    void dialogsAreListedByTheirLatestActivity() {
        batch(() -> {
            projection.on(new DialogStarted(15, List.of(1L, 2L), 1, AT), at(1));
            projection.on(new DialogStarted(16, List.of(1L, 3L), 1, AT), at(2));
            post(150, 15, 2, 3);
            post(160, 16, 3, 4);
        });
        batch(() -> post(151, 15, 2, 5));

        DialogPage page = projection.handle(new LoadDialogs(1, 20, 0));

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(DialogView::id).containsExactly(15L, 16L);
        DialogView latest = page.items().get(0);
        assertThat(latest.lastMessage().id()).isEqualTo(151);
        assertThat(latest.unreadMessagesCount()).isEqualTo(2);
    }

    private void post(long messageId, long dialogId, long authorId, long position) {
        DialogMessagePosted event = new DialogMessagePosted(messageId, dialogId, authorId, "hi", null,
                                                            List.of(1L, authorId), AT);
        projection.on(event, at(position));
        messages.on(event, at(position));
        unread.on(event, at(position));
    }
}
