package io.parley.query.server;

import io.parley.query.support.Micros;

import io.parley.api.server.ChannelMessageView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "channel_message_view")
public class ChannelMessageEntry extends io.parley.query.support.InsertedRow<Long> {

    @Id
    private long id;
    private long channelId;
    private long serverId;
    private long authorId;
    private String text;
    private Instant sentAt;
    private Instant editedAt;
    private boolean deleted;
    private long position;

    protected ChannelMessageEntry() {
    }

    ChannelMessageEntry(long id, long channelId, long serverId, long authorId, String text, Instant sentAt,
                        long position) {
        this.id = id;
        this.channelId = channelId;
        this.serverId = serverId;
        this.authorId = authorId;
        this.text = text;
        this.sentAt = Micros.of(sentAt);
        this.editedAt = this.sentAt;
        this.position = position;
    }

    void edit(String text, Instant at) {
        this.text = text;
        this.editedAt = Micros.of(at);
    }

    void delete() {
        this.deleted = true;
    }

    public long getPosition() {
        return position;
    }

    public ChannelMessageView toView() {
        return new ChannelMessageView(id, channelId, serverId, authorId, text, sentAt, editedAt, deleted, position);
    }

    @Override
    public Long getId() {
        return id;
    }
}
