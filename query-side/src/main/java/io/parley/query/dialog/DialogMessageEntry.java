package io.parley.query.dialog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A {@code dialog_message_view} row, for reading and changing: new rows come from {@link DialogMessageProjection} by COPY. */
@Entity
@Table(name = "dialog_message_view")
public class DialogMessageEntry {

    @Id
    private long id;
    private long dialogId;
    private long authorId;
    private String body;
    private String bodyHtml;
    private Long fileId;
    private Instant createdAt;
    private Instant readAt;
    private Instant editedAt;
    private boolean deleted;
    private long position;

    protected DialogMessageEntry() {
    }

    void edit(String body, String bodyHtml, Instant at) {
        this.body = body;
        this.bodyHtml = bodyHtml;
        this.editedAt = at;
    }

    void delete() {
        this.deleted = true;
    }

    public long getId() {
        return id;
    }

    public long getDialogId() {
        return dialogId;
    }

    public long getAuthorId() {
        return authorId;
    }

    public String getBody() {
        return body;
    }

    public String getBodyHtml() {
        return bodyHtml;
    }

    public Long getFileId() {
        return fileId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getReadAt() {
        return readAt;
    }

    public long getPosition() {
        return position;
    }
}
