package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogView;
import io.parley.api.dialog.FileView;
import io.parley.gateway.Json;
import io.parley.gateway.PublicUrls;
import io.parley.gateway.user.UserJson;
import org.springframework.stereotype.Component;

/** Dialogs and their messages in exactly the shapes of the dialogs seed (SPEC §4). */
@Component
public class DialogJson {

    private final ObjectMapper mapper;
    private final UserJson users;
    private final PublicUrls urls;

    public DialogJson(ObjectMapper mapper, UserJson users, PublicUrls urls) {
        this.mapper = mapper;
        this.users = users;
        this.urls = urls;
    }

    /**
     * {"id","user","body","body_html","markdown_body","file","date_created","date_read","dialog"}. {@code body}
     * is the safe HTML, as the origin's API had it (its frontend renders {@code body} as HTML);
     * {@code markdown_body}, the origin's name too, is the Markdown as sent.
     */
    public ObjectNode message(DialogMessageView message) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", message.id());
        json.set("user", users.publicUser(message.user()));
        json.put("body", message.bodyHtml());
        json.put("body_html", message.bodyHtml());
        json.put("markdown_body", message.body());
        json.set("file", message.file() == null ? null : file(message.file()));
        json.put("date_created", Json.isoMicros(message.dateCreated()));
        json.put("date_read", Json.isoMicros(message.dateRead()));
        json.put("dialog", message.dialogId());
        return json;
    }

    /** {"id","date_created","content","name","size"}; content is the download URL. */
    public ObjectNode file(FileView file) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", file.id());
        json.put("date_created", Json.isoMicros(file.dateCreated()));
        json.put("content", urls.fileContent(file.id()));
        json.put("name", file.name());
        json.put("size", file.size());
        return json;
    }

    /** {"id","users","user","last_message","unread_messages_count"}. */
    public ObjectNode dialog(DialogView dialog) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", dialog.id());
        ArrayNode list = json.putArray("users");
        dialog.users().forEach(u -> list.add(users.publicUser(u)));
        json.set("user", dialog.other() == null ? null : users.publicUser(dialog.other()));
        json.set("last_message", dialog.lastMessage() == null ? null : message(dialog.lastMessage()));
        json.put("unread_messages_count", dialog.unreadMessagesCount());
        return json;
    }
}
