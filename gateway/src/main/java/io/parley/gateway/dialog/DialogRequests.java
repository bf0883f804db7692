package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.dialog.CountUnreadDialogs;
import io.parley.api.dialog.DeleteDialogMessage;
import io.parley.api.dialog.DialogMessagePage;
import io.parley.api.dialog.DialogPage;
import io.parley.api.dialog.EditDialogMessage;
import io.parley.api.dialog.LoadDialogMessages;
import io.parley.api.dialog.LoadDialogs;
import io.parley.api.dialog.MarkDialogMessageSeen;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.realtime.api.DeferredSocketRequestHandler;
import io.parley.realtime.api.SocketRequest;
import io.parley.realtime.api.SocketRequestHandler;
import io.parley.realtime.api.SocketRequests;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** The dialogs.* requests and notifications.dialogs.count: dialogs, their messages, reads, edits and deletes. */
@Component
public class DialogRequests implements SocketRequests {

    private final Sides sides;
    private final DialogPosting posting;
    private final DialogJson json;

    public DialogRequests(Sides sides, DialogPosting posting, DialogJson json) {
        this.sides = sides;
        this.posting = posting;
        this.json = json;
    }

    @Override
    public Map<String, SocketRequestHandler> handlers() {
        return Map.of("dialogs.load", this::load,
                      "dialogs.messages.load", this::loadMessages,
                      "dialogs.messages.create", (DeferredSocketRequestHandler) this::create,
                      "dialogs.messages.seen", this::seen,
                      "dialogs.messages.edit", this::edit,
                      "dialogs.messages.delete", this::delete,
                      "notifications.dialogs.count", this::count);
    }

    private ObjectNode load(SocketRequest request) {
        int limit = request.limit();
        int offset = request.offset();
        DialogPage page = sides.query(new LoadDialogs(request.userId(), limit, offset), DialogPage.class);
        return request.page(page.items().stream().map(json::dialog).toList(), limit, offset, page.total());
    }

    private ObjectNode loadMessages(SocketRequest request) {
        long dialogId = request.id("dialog_id");
        int limit = request.limit();
        int offset = request.offset();
        DialogMessagePage page = sides.query(new LoadDialogMessages(dialogId, request.userId(), limit, offset),
                                                DialogMessagePage.class);
        if (!page.participant()) {
            throw ApiError.notFound("dialog not found");
        }
        return request.page(page.items().stream().map(json::message).toList(), limit, offset, page.total());
    }

    /**
     * The writes below are answered by the push they cause: the acting socket gets that push, with the
     * request's id, as the reply (one frame, carrying the push's cursor), so the writes wait neither for
     * the read models nor for a read of their own. A write that stores nothing is answered directly.
     * A post does not even hold the request thread while it is stored.
     */
    private CompletableFuture<ObjectNode> create(SocketRequest request) {
        long dialogId = request.id("dialog_id");
        Long fileId = request.optionalId("file_id");
        String body = DialogPosting.bodyOf(request.optionalText("body"), fileId);
        String nonce = request.optionalText("nonce");
        PostDialogMessage command = posting.command(dialogId, request.userId(), body, fileId, nonce);
        return posting.store(command, request.replyByPush()).thenCompose(stored -> stored.repeated()
                ? posting.firstOfRepeated(stored).thenApply(first -> request.reply(json.message(first)))
                : CompletableFuture.completedFuture(request.answeredByPush(stored.position())));
    }

    private ObjectNode seen(SocketRequest request) {
        long dialogId = request.id("dialog_id");
        long messageId = request.id("message_id");
        return answeredByItsPush(request, new MarkDialogMessageSeen(messageId, dialogId, request.userId()), () -> {
            // Read already: nothing changed, and the message is answered as it stands.
            ObjectNode reply = request.reply(json.message(posting.findWhenVisible(messageId)));
            reply.put("user", request.userId());
            return reply;
        });
    }

    private ObjectNode edit(SocketRequest request) {
        long messageId = request.id("message_id");
        String body = request.text("body");
        return answeredByItsPush(request, new EditDialogMessage(messageId, request.userId(), body),
                                 () -> request.reply(json.message(posting.findWhenVisible(messageId))));
    }

    private ObjectNode delete(SocketRequest request) {
        long messageId = request.id("message_id");
        posting.find(messageId);
        return answeredByItsPush(request, new DeleteDialogMessage(messageId, request.userId()), null);
    }

    /**
     * Sends a write whose reply is the push it causes, with that push's cursor. A write that stored nothing
     * has no push: {@code unchanged} answers it (a deletion always stores its event). Its handler says so by
     * answering false; where the positions are known (Parley's own store) the position -1 says it too.
     */
    private ObjectNode answeredByItsPush(SocketRequest request, Object command, Supplier<ObjectNode> unchanged) {
        Sides.Written written = sides.dispatch(command, request.replyByPush());
        boolean changed = written.position() >= 0 && !Boolean.FALSE.equals(written.result());
        if (changed || unchanged == null) {
            return request.answeredByPush(written.position());
        }
        return unchanged.get();
    }

    private ObjectNode count(SocketRequest request) {
        Integer count = sides.query(new CountUnreadDialogs(request.userId()), Integer.class);
        return request.reply(IntNode.valueOf(count == null ? 0 : count));
    }
}
