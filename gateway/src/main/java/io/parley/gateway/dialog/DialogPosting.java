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
import io.parley.gateway.ParleyProperties;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Posting a dialog message, the same from a socket and from REST. */
@Component
public class DialogPosting {

    private final Commands commands;
    private final IdAllocator ids;
    private final PostedMessageReplies replies;
    private final ParleyProperties properties;

    public DialogPosting(Commands commands, IdAllocator ids, PostedMessageReplies replies,
                         ParleyProperties properties) {
        this.commands = commands;
        this.ids = ids;
        this.replies = replies;
        this.properties = properties;
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
        // The push stream reads the new message for the other participants once the read models have it;
        // the reply is taken from that read rather than from a read of its own.
        CompletableFuture<DialogMessageView> shown = replies.expect(messageId);
        try {
            Commands.Written written = commands.dispatch(
                    new PostDialogMessage(dialogId, messageId, authorId, body, fileId, nonce), originSocket);
            long posted = ((Number) written.result()).longValue();
            if (posted != messageId) {
                // A repeated nonce answers the first message's id, and stored nothing (position -1).
                return new Posted(find(posted), written.position());
            }
            return new Posted(shown(shown, messageId, written.position()), written.position());
        } finally {
            replies.forget(messageId);
        }
    }

    private DialogMessageView shown(CompletableFuture<DialogMessageView> shown, long messageId, long position) {
        try {
            return shown.get(properties.getReadYourWritesTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The push stream did not read it (its read failed, say): read it here, if the read models have it.
            if (!commands.visible(position)) {
                throw ApiError.internal("the change is stored, but the read models did not show it in time");
            }
            return find(messageId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }

    public DialogMessageView find(long messageId) {
        DialogMessageView view = commands.query(new FindDialogMessage(messageId), DialogMessageView.class);
        if (view == null) {
            throw ApiError.notFound("message not found");
        }
        return view;
    }
}
