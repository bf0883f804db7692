package io.parley.gateway.dialog;

import io.parley.api.dialog.DialogMessageView;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Posts waiting for their reply. The push stream reads every new message once, for the other
 * participants' pushes, after the read models have it; a post takes its reply from that read instead of
 * reading the message again itself.
 */
@Component
public class PostedMessageReplies {

    private final ConcurrentMap<Long, CompletableFuture<DialogMessageView>> waiting = new ConcurrentHashMap<>();

    /** Registers a post before its command is sent; completes once the push stream has read the message. */
    CompletableFuture<DialogMessageView> expect(long messageId) {
        CompletableFuture<DialogMessageView> shown = new CompletableFuture<>();
        waiting.put(messageId, shown);
        return shown;
    }

    /** The post has its reply, or gave up waiting. */
    void forget(long messageId) {
        waiting.remove(messageId);
    }

    /** Messages as the push stream read them, the read models having passed their events. */
    void shown(Collection<DialogMessageView> messages) {
        if (waiting.isEmpty()) {
            return;
        }
        for (DialogMessageView message : messages) {
            CompletableFuture<DialogMessageView> post = waiting.remove(message.id());
            if (post != null) {
                post.complete(message);
            }
        }
    }
}
