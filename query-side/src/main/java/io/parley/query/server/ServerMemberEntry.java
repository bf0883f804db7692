package io.parley.query.server;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** One stretch of membership, in global positions; {@code leftAtPosition} is null while it lasts. */
@Entity
@Table(name = "server_member")
@IdClass(ServerMemberEntry.Key.class)
public class ServerMemberEntry {

    @Id
    private long serverId;
    @Id
    private long userId;
    @Id
    private long joinedAtPosition;
    private Long leftAtPosition;

    protected ServerMemberEntry() {
    }

    ServerMemberEntry(long serverId, long userId, long joinedAtPosition) {
        this.serverId = serverId;
        this.userId = userId;
        this.joinedAtPosition = joinedAtPosition;
    }

    void leftAt(long position) {
        this.leftAtPosition = position;
    }

    public long getServerId() {
        return serverId;
    }

    public long getUserId() {
        return userId;
    }

    public long getJoinedAtPosition() {
        return joinedAtPosition;
    }

    public Long getLeftAtPosition() {
        return leftAtPosition;
    }

    public record Key(long serverId, long userId, long joinedAtPosition) implements Serializable {
        public Key() {
            this(0, 0, 0);
        }
    }
}
