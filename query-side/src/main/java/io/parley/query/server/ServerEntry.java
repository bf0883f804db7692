package io.parley.query.server;

import io.parley.api.server.ServerView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "server_view")
public class ServerEntry {

    @Id
    private long id;
    private String name;
    private long ownerId;

    protected ServerEntry() {
    }

    ServerEntry(long id, String name, long ownerId) {
        this.id = id;
        this.name = name;
        this.ownerId = ownerId;
    }

    void edit(String name, long ownerId) {
        this.name = name;
        this.ownerId = ownerId;
    }

    public ServerView toView() {
        return new ServerView(id, name, ownerId);
    }
}
