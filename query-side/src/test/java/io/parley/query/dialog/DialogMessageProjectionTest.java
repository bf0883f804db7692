package io.parley.query.dialog;

import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessagePage;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogStarted;
import io.parley.api.dialog.FindDialogMessage;
import io.parley.api.dialog.LoadDialogMessages;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DialogMessageProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Autowired
    DialogListProjection dialogs;
    @Autowired
    DialogMessageProjection projection;

    @Test
    void pagesCountBackFromTheNewestMessageOldestFirstInsideAPage() {
        batch(() -> {
            dialogs.on(new DialogStarted(10, List.of(1L, 2L), 1, AT), at(1));
            projection.on(posted(100, 1, "one"), at(2));
            projection.on(posted(101, 2, "two"), at(3));
            projection.on(posted(102, 1, "**three**"), at(4));
        });

        DialogMessagePage page = projection.handle(new LoadDialogMessages(10, 2, 2, 0));

        assertThat(page.participant()).isTrue();
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(DialogMessageView::id).containsExactly(101L, 102L);
        assertThat(page.items().get(1).bodyHtml()).contains("<strong>three</strong>");
        assertThat(page.items().get(1).dateCreated()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        assertThat(projection.handle(new LoadDialogMessages(10, 2, 2, 2)).items())
                .extracting(DialogMessageView::id).containsExactly(100L);
    }

    @Test
    void onlyParticipantsReadTheMessages() {
        batch(() -> {
            dialogs.on(new DialogStarted(11, List.of(1L, 2L), 1, AT), at(1));
            projection.on(posted(110, 1, "hello"), at(2));
        });

        DialogMessagePage page = projection.handle(new LoadDialogMessages(11, 3, 20, 0));

        assertThat(page.participant()).isFalse();
        assertThat(page.items()).isEmpty();
    }

    /** Read marks, edits and deletions see the messages posted earlier in their own batch. */
    @Test
    void changesInTheBatchThatPostedTheMessagesFindThem() {
        batch(() -> {
            dialogs.on(new DialogStarted(12, List.of(1L, 2L), 1, AT), at(1));
            projection.on(posted(120, 1, "first"), at(2));
            projection.on(posted(121, 1, "second"), at(3));
            projection.on(new DialogMessageSeen(121, 12, 2, AT.plusSeconds(5)));
            projection.on(posted(122, 2, "typo"), at(5));
            projection.on(new DialogMessageEdited(122, 12, 2, "fixed", AT.plusSeconds(6)));
            projection.on(posted(123, 2, "oops"), at(7));
            projection.on(new DialogMessageDeleted(123, 12, 2, AT.plusSeconds(7)));
        });

        assertThat(projection.handle(new FindDialogMessage(120)).dateRead())
                .isEqualTo(Instant.parse("2026-01-02T03:04:10.123456Z"));
        assertThat(projection.handle(new FindDialogMessage(121)).dateRead()).isNotNull();
        DialogMessageView edited = projection.handle(new FindDialogMessage(122));
        assertThat(edited.body()).isEqualTo("fixed");
        assertThat(edited.dateRead()).isNull();
        assertThat(projection.handle(new LoadDialogMessages(12, 1, 20, 0)).items())
                .extracting(DialogMessageView::id).containsExactly(120L, 121L, 122L);
    }

    private static DialogMessagePosted posted(long messageId, long authorId, String body) {
        return new DialogMessagePosted(messageId, messageId / 10, authorId, body, null, List.of(1L, 2L), AT);
    }
}
