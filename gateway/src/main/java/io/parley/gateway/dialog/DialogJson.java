package io.parley.gateway.dialog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogView;
import io.parley.api.dialog.FileView;
import io.parley.gateway.Json;
import io.parley.gateway.PublicUrls;
import io.parley.gateway.user.UserJson;
import io.parley.gateway.user.UserJson.PublicUser;
import org.springframework.stereotype.Component;

import java.util.List;

/** Dialogs and their messages in the dialogs API's shapes: every field written, nulls too, snake_case names. */
@Component
public class DialogJson {

    /**
     * {@code body} is the safe HTML, as the origin's API had it (its frontend renders {@code body} as HTML);
     * {@code markdown_body}, the origin's name too, is the Markdown as sent.
     */
    public record Message(long id, PublicUser user, String body, @JsonProperty("body_html") String bodyHtml,
                          @JsonProperty("markdown_body") String markdownBody, File file,
                          @JsonProperty("date_created") String dateCreated, @JsonProperty("date_read") String dateRead,
                          long dialog) {
    }

    /** {@code content} is the download URL. */
    public record File(long id, @JsonProperty("date_created") String dateCreated, String content, String name,
                       long size) {
    }

    /** Which message was deleted, in which dialog. */
    public record MessageDeleted(long id, long dialog) {
    }

    /** {@code user} is the other participant. */
    public record Dialog(long id, List<PublicUser> users, PublicUser user,
                         @JsonProperty("last_message") Message lastMessage,
                         @JsonProperty("unread_messages_count") long unreadMessagesCount) {
    }

    private final UserJson users;
    private final PublicUrls urls;

    public DialogJson(UserJson users, PublicUrls urls) {
        this.users = users;
        this.urls = urls;
    }

    public Message message(DialogMessageView message) {
        return new Message(message.id(), users.publicUser(message.user()), message.bodyHtml(), message.bodyHtml(),
                           message.body(), message.file() == null ? null : file(message.file()),
                           Json.isoMicros(message.dateCreated()), Json.isoMicros(message.dateRead()),
                           message.dialogId());
    }

    public File file(FileView file) {
        return new File(file.id(), Json.isoMicros(file.dateCreated()), urls.fileContent(file.id()), file.name(),
                        file.size());
    }

    public Dialog dialog(DialogView dialog) {
        return new Dialog(dialog.id(), dialog.users().stream().map(users::publicUser).toList(),
                          dialog.other() == null ? null : users.publicUser(dialog.other()),
                          dialog.lastMessage() == null ? null : message(dialog.lastMessage()),
                          dialog.unreadMessagesCount());
    }
}
