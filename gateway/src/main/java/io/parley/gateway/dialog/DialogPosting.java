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
    private final GroupedPosts groups;
    private final ParleyProperties properties;

    public DialogPosting(Commands commands, IdAllocator ids, PostedMessageReplies replies, GroupedPosts groups,
                         ParleyProperties properties) {
        this.commands = commands;
        this.ids = ids;
        this.replies = replies;
        this.groups = groups;
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
            CompletableFuture<Commands.Written> written = groups.submit(
                    new PostDialogMessage(dialogId, messageId, authorId, body, fileId, nonce), originSocket);
            // One wait, and one wake-up: until the message is shown, or the command failed or stored nothing.
            CompletableFuture<?> settled = written.thenCompose(
                    w -> posted(w) == messageId ? shown : CompletableFuture.completedFuture(null));
            await(settled, written);
            Commands.Written stored = written.join();
            if (posted(stored) != messageId) {
                // A repeated nonce answers the first message's id, and stored nothing.
                return new Posted(find(posted(stored)), -1);
            }
            DialogMessageView message = shown.isDone() ? shown.join() : readBack(messageId, stored.position());
            // The message's own position: a group's written position is that of its last event.
            return new Posted(message, message.position());
        } finally {
            replies.forget(messageId);
        }
    }

    private static long posted(Commands.Written written) {
        return ((Number) written.result()).longValue();
    }

    /**
     * Waits until {@code settled}, at most the read-your-writes timeout once the command is stored; a
     * command's failure is thrown as it is.
     */
    private void await(CompletableFuture<?> settled, CompletableFuture<Commands.Written> written) {
        try {
            try {
                settled.get(properties.getReadYourWritesTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // A command has no time limit of its own: wait for it; the read is then done here.
                written.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The push stream did not read the message in time (its read failed, say): read it here, if shown. */
    private DialogMessageView readBack(long messageId, long position) {
        if (!commands.visible(position)) {
            throw ApiError.internal("the change is stored, but the read models did not show it in time");
        }
        return find(messageId);
    }

    public DialogMessageView find(long messageId) {
        DialogMessageView view = commands.query(new FindDialogMessage(messageId), DialogMessageView.class);
        if (view == null) {
            throw ApiError.notFound("message not found");
        }
        return view;
    }
}
