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
import io.parley.gateway.eventstore.StreamHead;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Posting a dialog message, the same from a socket and from REST. */
@Component
public class DialogPosting {

    private final Commands commands;
    private final IdAllocator ids;
    private final PostedMessageReplies replies;
    private final GroupedPosts groups;
    private final ParleyProperties properties;
    private final StreamHead head;
    /** Reads for the answers the push stream's read did not give (rare: a repeated nonce, a late read). */
    private final ExecutorService readBacks = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "parley-post-read-back");
        thread.setDaemon(true);
        return thread;
    });

    public DialogPosting(Commands commands, IdAllocator ids, PostedMessageReplies replies, GroupedPosts groups,
                         ParleyProperties properties, StreamHead head) {
        this.commands = commands;
        this.ids = ids;
        this.replies = replies;
        this.groups = groups;
        this.properties = properties;
        this.head = head;
    }

    public record Posted(DialogMessageView message, long position) {
    }

    /**
     * Posts and answers the message as the read model shows it, waiting on this thread; {@code fileId},
     * {@code nonce} and {@code originSocket} may be null.
     */
    public Posted post(long dialogId, long authorId, String body, Long fileId, String nonce, String originSocket) {
        try {
            return postLater(dialogId, authorId, body, fileId, nonce, originSocket).get();
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

    /**
     * Posts; the answer completes with the message as the read model shows it, or with the post's
     * refusal. The caller's thread does not wait: the answer is completed by the push stream's thread,
     * which reads each new message once the read models have it (after the batch's pushes are out), or,
     * when that read does not come within the read-your-writes timeout after the command is stored, by a
     * read of its own. A refusal found before anything is sent (too long, not your file) is thrown.
     */
    /**
     * The body to post: a message needs a body, a file or both; a file sent alone has the empty body.
     * Whether a given body says something is the dialog's rule.
     */
    public static String bodyOf(String body, Long fileId) {
        if (body == null && fileId == null) {
            throw ApiError.badRequest("body or file_id is required");
        }
        if (body != null && body.isBlank() && !(body.isEmpty() && fileId != null)) {
            throw ApiError.badRequest("body must not be empty");
        }
        return body == null ? "" : body;
    }

    public CompletableFuture<Posted> postLater(long dialogId, long authorId, String body, Long fileId, String nonce,
                                               String originSocket) {
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
        // The reply is taken from the push stream's read of the message rather than from a read of its own.
        CompletableFuture<DialogMessageView> shown = replies.expect(messageId);
        CompletableFuture<Posted> answer = new CompletableFuture<>();
        CompletableFuture<Commands.Written> stored;
        try {
            stored = groups.submit(new PostDialogMessage(dialogId, messageId, authorId, body, fileId, nonce),
                                   originSocket);
        } catch (RuntimeException e) {
            replies.forget(messageId);
            throw e;
        }
        stored.whenComplete((written, failure) -> {
            if (failure != null) {
                replies.forget(messageId);
                answer.completeExceptionally(failure);
            } else if (posted(written) != messageId) {
                // A repeated nonce answers the first message's id, and stored nothing. The first may
                // have been sent just before, without waiting for its reply: read it once shown.
                replies.forget(messageId);
                readLater(answer, () -> {
                    // Stored nothing itself (position -1 alone): the first is at or below the head.
                    commands.awaitVisible(Math.max(written.position(), head.position()));
                    return new Posted(find(posted(written)), -1);
                });
            } else {
                long timeout = properties.getReadYourWritesTimeout().toMillis();
                shown.completeOnTimeout(null, timeout, TimeUnit.MILLISECONDS).thenAccept(message -> {
                    replies.forget(messageId);
                    if (message != null) {
                        // The message's own position: a group's written position is that of its last event.
                        answer.complete(new Posted(message, message.position()));
                    } else {
                        readLater(answer, () -> {
                            DialogMessageView read = readBack(messageId, written.position());
                            return new Posted(read, read.position());
                        });
                    }
                });
            }
        });
        return answer;
    }

    private static long posted(Commands.Written written) {
        return ((Number) written.result()).longValue();
    }

    /** Completes the answer from a read of the read models, on a thread of its own (never the push stream's). */
    private void readLater(CompletableFuture<Posted> answer, Supplier<Posted> read) {
        readBacks.execute(() -> {
            try {
                answer.complete(read.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
    }

    /** The push stream did not read the message in time (its read failed, say): read it here, if shown. */
    private DialogMessageView readBack(long messageId, long position) {
        if (!commands.visible(position)) {
            throw ApiError.internal("the change is stored, but the read models did not show it in time");
        }
        return find(messageId);
    }

    @PreDestroy
    void stop() {
        readBacks.shutdown();
    }

    public DialogMessageView find(long messageId) {
        DialogMessageView view = commands.query(new FindDialogMessage(messageId), DialogMessageView.class);
        if (view == null) {
            throw ApiError.notFound("message not found");
        }
        return view;
    }
}
