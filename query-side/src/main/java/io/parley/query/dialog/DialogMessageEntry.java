package io.parley.query.dialog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "dialog_message_view")
public class DialogMessageEntry extends io.parley.query.InsertedRow<Long> {

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

    DialogMessageEntry(long id, long dialogId, long authorId, String body, String bodyHtml, Long fileId,
                       Instant createdAt, long position) {
        this.id = id;
        this.dialogId = dialogId;
        this.authorId = authorId;
        this.body = body;
        this.bodyHtml = bodyHtml;
        this.fileId = fileId;
        this.createdAt = createdAt;
        this.position = position;
    }

    void edit(String body, String bodyHtml, Instant at) {
        this.body = body;
        this.bodyHtml = bodyHtml;
        this.editedAt = at;
    }

    void delete() {
        this.deleted = true;
    }

    @Override
    public Long getId() {
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
