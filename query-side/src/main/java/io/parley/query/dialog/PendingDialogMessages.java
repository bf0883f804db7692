package io.parley.query.dialog;

import io.parley.query.Micros;

import io.parley.api.dialog.DialogMessagePosted;
import io.parley.query.BatchWrites;
import io.parley.query.RowCopy;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * New {@code dialog_message_view} rows of the projections' current batch, written all at once
 * ({@link RowCopy}) just before it commits. Every handler that reads or changes message rows in the same
 * batch (a read mark, an edit, a deletion) writes them first: {@link #writePending()}.
 */
@Component
public class PendingDialogMessages {

    private static final String PENDING = PendingDialogMessages.class.getName();
    private static final List<String> COLUMNS = List.of("id", "dialog_id", "author_id", "body", "body_html",
                                                        "file_id", "created_at", "deleted", "position");

    private final RowCopy copy;

    public PendingDialogMessages(RowCopy copy) {
        this.copy = copy;
    }

    void add(DialogMessagePosted event, String bodyHtml, long position) {
        pending().add(new Object[]{event.messageId(), event.dialogId(), event.authorId(), event.body(), bodyHtml,
                                   event.fileId(), OffsetDateTime.ofInstant(Micros.of(event.at()), ZoneOffset.UTC), false,
                                   position});
    }

    /** Before anything else in this batch reads or changes dialog_message_view. */
    void writePending() {
        write(pending());
    }

    private List<Object[]> pending() {
        return BatchWrites.pending(PENDING, ArrayList::new, this::write);
    }

    private void write(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            copy.insert("dialog_message_view", COLUMNS, rows);
            rows.clear();
        }
    }
}
