package io.parley.query.server;

import io.parley.api.server.ChannelView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "server_channel")
public class ChannelEntry {

    @Id
    private long id;
    private long serverId;
    private String name;
    private int type;
    private long position;

    protected ChannelEntry() {
    }

    ChannelEntry(long id, long serverId, String name, int type, long position) {
        this.id = id;
        this.serverId = serverId;
        this.name = name;
        this.type = type;
        this.position = position;
    }

    void edit(String name, int type) {
        this.name = name;
        this.type = type;
    }

    public ChannelView toView() {
        return new ChannelView(id, serverId, name, type);
    }
}
