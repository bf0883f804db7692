package io.parley.gateway.dialog;

import io.parley.api.Limits;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.FindDialogMessage;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.api.file.FindFile;
import io.parley.api.file.StoredFile;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.realtime.api.Origin;
import io.parley.processing.ProcessingProperties;
import io.parley.eventstore.StreamHead;
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

    private final Sides sides;
    private final IdAllocator ids;
    private final PostedMessageReplies replies;
    private final GroupedPosts groups;
    private final ProcessingProperties properties;
    private final StreamHead head;
    /** Reads for the answers the push stream's read did not give (rare: a repeated nonce, a late read). */
    private final ExecutorService readBacks = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "parley-post-read-back");
        thread.setDaemon(true);
        return thread;
    });

    public DialogPosting(Sides sides, IdAllocator ids, PostedMessageReplies replies, GroupedPosts groups,
                         ProcessingProperties properties, StreamHead head) {
        this.sides = sides;
        this.ids = ids;
        this.replies = replies;
        this.groups = groups;
        this.properties = properties;
        this.head = head;
    }

    public record Posted(DialogMessageView message, long position) {
    }

    /**
     * A post stored: the new message's id and its group's last position or, for a repeated nonce (which
     * stored nothing), the first message's id.
     */
    public record Stored(long messageId, long position, boolean repeated) {
    }

    /** Posts and answers the message as the read model shows it, waiting on this thread (REST). */
    public Posted post(long dialogId, long authorId, String body, Long fileId, String nonce) {
        try {
            return postLater(dialogId, authorId, body, fileId, nonce).get();
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

    /**
     * The post's command, with a new message id; a refusal found before anything is sent (too long, not
     * your file) is thrown.
     */
    public PostDialogMessage command(long dialogId, long authorId, String body, Long fileId, String nonce) {
        if (body.length() > Limits.DIALOG_BODY_MAX) {
            throw ApiError.badRequest("body is longer than " + Limits.DIALOG_BODY_MAX + " characters");
        }
        if (fileId != null) {
            // Uploads never change owner, so the read model answers this for good once it shows the file.
            StoredFile file = sides.query(new FindFile(fileId), StoredFile.class);
            if (file == null || file.ownerId() != authorId) {
                throw ApiError.notFound("file not found among your uploads");
            }
        }
        return new PostDialogMessage(dialogId, ids.next(), authorId, body, fileId, nonce);
    }

    /**
     * Stores the post together with whatever others wait (GroupedPosts); completes once it is stored, or
     * with its refusal. {@code origin} (may be null) rides on its event.
     */
    public CompletableFuture<Stored> store(PostDialogMessage command, Origin origin) {
        return groups.submit(command, origin).thenApply(written -> {
            long posted = ((Number) written.result()).longValue();
            return new Stored(posted, written.position(), posted != command.messageId());
        });
    }

    /** The first message of a repeated nonce, read on a thread of its own once the read models show it. */
    public CompletableFuture<DialogMessageView> firstOfRepeated(Stored stored) {
        CompletableFuture<DialogMessageView> first = new CompletableFuture<>();
        readLater(first, () -> {
            // It stored nothing itself: the first is at or below the head.
            sides.awaitVisible(Math.max(stored.position(), head.position()));
            return find(stored.messageId());
        });
        return first;
    }

    /**
     * Posts; the answer completes with the message as the read model shows it, or with the post's
     * refusal. The caller's thread does not wait: the answer is completed by the push stream's thread,
     * which reads each new message once the read models have it (after the batch's pushes are out), or,
     * when that read does not come within the read-your-writes timeout after the command is stored, by a
     * read of its own.
     */
    private CompletableFuture<Posted> postLater(long dialogId, long authorId, String body, Long fileId, String nonce) {
        PostDialogMessage command = command(dialogId, authorId, body, fileId, nonce);
        long messageId = command.messageId();
        // The reply is taken from the push stream's read of the message rather than from a read of its own.
        CompletableFuture<DialogMessageView> shown = replies.expect(messageId);
        CompletableFuture<Posted> answer = new CompletableFuture<>();
        CompletableFuture<Stored> stored;
        try {
            stored = store(command, null);
        } catch (RuntimeException e) {
            replies.forget(messageId);
            throw e;
        }
        stored.whenComplete((post, failure) -> {
            if (failure != null) {
                replies.forget(messageId);
                answer.completeExceptionally(failure);
            } else if (post.repeated()) {
                // The first may have been sent just before, without waiting for its reply: read it once shown.
                replies.forget(messageId);
                firstOfRepeated(post).whenComplete((first, readFailure) -> {
                    if (readFailure != null) {
                        answer.completeExceptionally(readFailure);
                    } else {
                        answer.complete(new Posted(first, -1));
                    }
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
                            DialogMessageView read = readBack(messageId, post.position());
                            return new Posted(read, read.position());
                        });
                    }
                });
            }
        });
        return answer;
    }

    /** Completes the answer from a read of the read models, on a thread of its own (never the push stream's). */
    private <T> void readLater(CompletableFuture<T> answer, Supplier<T> read) {
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
        if (!sides.visible(position)) {
            throw ApiError.internal("the change is stored, but the read models did not show it in time");
        }
        return find(messageId);
    }

    @PreDestroy
    void stop() {
        readBacks.shutdown();
    }

    /** The message once the read models show everything stored so far (for a write that stored nothing). */
    public DialogMessageView findWhenVisible(long messageId) {
        sides.awaitVisible(head.position());
        return find(messageId);
    }

    public DialogMessageView find(long messageId) {
        DialogMessageView view = sides.query(new FindDialogMessage(messageId), DialogMessageView.class);
        if (view == null) {
            throw ApiError.notFound("message not found");
        }
        return view;
    }
}
