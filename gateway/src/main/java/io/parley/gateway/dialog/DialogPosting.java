package io.parley.gateway.dialog;

import io.parley.api.Limits;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.FindDialogMessage;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.api.file.FindFile;
import io.parley.api.file.StoredFile;
import io.parley.gateway.ApiError;
import io.parley.gateway.Commands;
import io.parley.gateway.IdAllocator;
import org.springframework.stereotype.Component;

/** Posting a dialog message, the same from a socket and from REST. */
@Component
public class DialogPosting {

    private final Commands commands;
    private final IdAllocator ids;

    public DialogPosting(Commands commands, IdAllocator ids) {
        this.commands = commands;
        this.ids = ids;
    }

    public record Posted(DialogMessageView message, long position) {
    }

    /**
     * Posts and answers the message as the read model shows it; {@code fileId}, {@code nonce} and
     * {@code originSocket} may be null.
     */
    public Posted post(long dialogId, long authorId, String body, Long fileId, String nonce, String originSocket) {
        if (body.length() > Limits.DIALOG_BODY_MAX) {
            throw ApiError.badRequest("body is longer than " + Limits.DIALOG_BODY_MAX + " characters");
        }
        if (fileId != null) {
            // Uploads never change owner, so the read model answers this for good once it shows the file.
            StoredFile file = commands.query(new FindFile(fileId), StoredFile.class);
            if (file == null || file.ownerId() != authorId) {
                throw ApiError.notFound("file not found among your uploads");
            }
        }
        long messageId = ids.next();
        Commands.Written written = commands.send(
                new PostDialogMessage(dialogId, messageId, authorId, body, fileId, nonce), originSocket);
        // A repeated nonce answers the first message's id, and stored nothing (position -1).
        long posted = ((Number) written.result()).longValue();
        return new Posted(find(posted), written.position());
    }

    public DialogMessageView find(long messageId) {
        DialogMessageView view = commands.query(new FindDialogMessage(messageId), DialogMessageView.class);
        if (view == null) {
            throw ApiError.notFound("message not found");
        }
        return view;
    }
}
