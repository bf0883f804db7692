package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.dialog.CountUnreadDialogs;
import io.parley.api.dialog.DeleteDialogMessage;
import io.parley.api.dialog.DialogMessagePage;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogPage;
import io.parley.api.dialog.EditDialogMessage;
import io.parley.api.dialog.LoadDialogMessages;
import io.parley.api.dialog.LoadDialogs;
import io.parley.api.dialog.MarkDialogMessageSeen;
import io.parley.gateway.ApiError;
import io.parley.gateway.Commands;
import io.parley.gateway.socket.DeferredSocketRequestHandler;
import io.parley.gateway.socket.SocketRequest;
import io.parley.gateway.socket.SocketRequestHandler;
import io.parley.gateway.socket.SocketRequests;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The dialogs API of the seed (SPEC §4), plus our edit and delete. */
@Component
public class DialogRequests implements SocketRequests {

    private final Commands commands;
    private final DialogPosting posting;
    private final DialogJson json;

    public DialogRequests(Commands commands, DialogPosting posting, DialogJson json) {
        this.commands = commands;
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
        DialogPage page = commands.query(new LoadDialogs(request.userId(), limit, offset), DialogPage.class);
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        page.items().forEach(d -> items.add(json.dialog(d)));
        return request.page(items, limit, offset, page.total());
    }

    private ObjectNode loadMessages(SocketRequest request) {
        long dialogId = request.id("dialog_id");
        int limit = request.limit();
        int offset = request.offset();
        DialogMessagePage page = commands.query(new LoadDialogMessages(dialogId, request.userId(), limit, offset),
                                                DialogMessagePage.class);
        if (!page.participant()) {
            throw ApiError.notFound("dialog not found");
        }
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        page.items().forEach(m -> items.add(json.message(m)));
        return request.page(items, limit, offset, page.total());
    }

    /** Answered without holding the request thread while the message is stored and shown. */
    private CompletableFuture<ObjectNode> create(SocketRequest request) {
        long dialogId = request.id("dialog_id");
        Long fileId = request.optionalId("file_id");
        String body = DialogPosting.bodyOf(request.optionalText("body"), fileId);
        String nonce = request.optionalText("nonce");
        return posting.postLater(dialogId, request.userId(), body, fileId, nonce, request.socket().id())
                      .thenApply(posted -> {
                          ObjectNode reply = request.reply(json.message(posted.message()));
                          if (posted.position() >= 0) {
                              reply.put("seq", posted.position());
                          }
                          return reply;
                      });
    }

    private ObjectNode seen(SocketRequest request) {
        long dialogId = request.id("dialog_id");
        long messageId = request.id("message_id");
        Commands.Written written = commands.send(new MarkDialogMessageSeen(messageId, dialogId, request.userId()),
                                                 request.socket().id());
        ObjectNode reply = request.reply(json.message(posting.find(messageId)));
        reply.put("user", request.userId());
        if (written.position() >= 0) {
            reply.put("seq", written.position());
        }
        return reply;
    }

    private ObjectNode edit(SocketRequest request) {
        long messageId = request.id("message_id");
        String body = request.text("body");
        Commands.Written written = commands.send(new EditDialogMessage(messageId, request.userId(), body),
                                                 request.socket().id());
        ObjectNode reply = request.reply(json.message(posting.find(messageId)));
        if (written.position() >= 0) {
            reply.put("seq", written.position());
        }
        return reply;
    }

    private ObjectNode delete(SocketRequest request) {
        long messageId = request.id("message_id");
        DialogMessageView before = posting.find(messageId);
        Commands.Written written = commands.send(new DeleteDialogMessage(messageId, request.userId()),
                                                 request.socket().id());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("id", messageId);
        data.put("dialog", before.dialogId());
        ObjectNode reply = request.reply(data);
        reply.put("seq", written.position());
        return reply;
    }

    private ObjectNode count(SocketRequest request) {
        Integer count = commands.query(new CountUnreadDialogs(request.userId()), Integer.class);
        return request.reply(IntNode.valueOf(count == null ? 0 : count));
    }
}
