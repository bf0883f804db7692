package io.parley.gateway.server;

import io.parley.api.server.ChannelCreated;
import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelEdited;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.api.server.FindMembershipIntervals;
import io.parley.api.server.FindServerAudience;
import io.parley.api.server.MemberJoined;
import io.parley.api.server.MemberLeft;
import io.parley.api.server.MembershipIntervals;
import io.parley.api.server.ServerAudience;
import io.parley.api.server.ServerDeleted;
import io.parley.api.server.ServerEdited;
import io.parley.gateway.Sides;
import io.parley.realtime.api.Push;
import io.parley.realtime.api.PushComposer;
import io.parley.realtime.api.PushCursor;
import io.parley.realtime.api.StoredEvent;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Pushes of the servers API, {@code {"name","data","seq"}}. The receivers are the
 * server's members at the event's own position (the read model keeps membership as intervals of
 * positions), so a removed user still gets their {@code user_left} and members get
 * {@code server_deleted}, however far the read models have moved on since, and a resume replays
 * exactly the same. What a push shows comes from the event itself, exact at that position.
 * <p>
 * Every push goes to the socket whose request caused it too: the reply answers the request, the push
 * is the event, and a client renders from the pushes alone. An event's pushes are indexed in the order
 * they are composed here ({@code server_edited} 0, {@code got_server_owner} 1), the same live and in a
 * catch-up.
 * <p>
 * A catch-up asks no audience per event: it loads the user's stretches of membership once and looks
 * the user up in them.
 */
@Component
public class ServerPushComposer implements PushComposer {

    /** The events with pushes of this API: one case each in {@link #compose(EventMessage, long, Audience)}. */
    private static final Set<Class<?>> PUSHED = Set.of(
            ServerEdited.class, ServerDeleted.class, MemberJoined.class, MemberLeft.class, ChannelCreated.class,
            ChannelEdited.class, ChannelDeleted.class, ChannelMessagePosted.class, ChannelMessageEdited.class,
            ChannelMessageDeleted.class);

    private final Sides sides;
    private final ServerJson json;

    public ServerPushComposer(Sides sides, ServerJson json) {
        this.sides = sides;
        this.json = json;
    }

    @Override
    public Set<Class<?>> pushedEvents() {
        return PUSHED;
    }

    @Override
    public List<Push> compose(EventMessage<?> event, long position) {
        return compose(event, position, (serverId, at) -> sides.query(
                new FindServerAudience(serverId, at), ServerAudience.class).userIds());
    }

    @Override
    public CatchUp catchUp(long userId, long fromPosition, long upTo) {
        return new CatchUp() {
            /** The user's memberships in the catch-up's range, loaded at its first server event (if any). */
            private MembershipIntervals memberships;

            private Collection<Long> justThisUser(long serverId, long position) {
                if (memberships == null) {
                    memberships = sides.query(new FindMembershipIntervals(userId, fromPosition, upTo),
                                                 MembershipIntervals.class);
                }
                return memberships.memberAt(serverId, position) ? List.of(userId) : List.of();
            }

            @Override
            public List<Push> compose(List<StoredEvent> batch) {
                List<Push> pushes = new ArrayList<>();
                for (StoredEvent event : batch) {
                    for (Push push : ServerPushComposer.this.compose(event.message(), event.position(), this::justThisUser)) {
                        if (push.userIds().contains(userId)) {
                            pushes.add(push);
                        }
                    }
                }
                return pushes;
            }
        };
    }

    /** Who was a member of the server at a position. */
    private interface Audience {
        Collection<Long> at(long serverId, long position);
    }

    private List<Push> compose(EventMessage<?> event, long position, Audience audience) {
        Object payload = event.getPayload();
        List<Push> pushes = new ArrayList<>();
        if (payload instanceof ServerEdited e) {
            toMembers(pushes, audience, e.serverId(), position, "server_edited",
                      new ServerJson.Server(e.serverId(), e.name(), e.ownerId()));
            if (e.ownerId() != e.previousOwnerId()) {
                long seq = PushCursor.of(position, 1);
                pushes.add(new Push(List.of(e.ownerId()),
                                    json.push("got_server_owner", new ServerJson.ServerId(e.serverId()), seq), seq,
                                    null));
            }
        } else if (payload instanceof ServerDeleted e) {
            toMembers(pushes, audience, e.serverId(), position, "server_deleted",
                      new ServerJson.ServerId(e.serverId()));
        } else if (payload instanceof MemberJoined e) {
            toMembers(pushes, audience, e.serverId(), position, "user_joined",
                      new ServerJson.Member(e.userId(), e.serverId()));
        } else if (payload instanceof MemberLeft e) {
            toMembers(pushes, audience, e.serverId(), position, "user_left",
                      new ServerJson.Member(e.userId(), e.serverId()));
        } else if (payload instanceof ChannelCreated e) {
            toMembers(pushes, audience, e.serverId(), position, "channel_created",
                      new ServerJson.Channel(e.channelId(), e.name(), e.serverId(), e.type()));
        } else if (payload instanceof ChannelEdited e) {
            toMembers(pushes, audience, e.serverId(), position, "channel_edited",
                      new ServerJson.Channel(e.channelId(), e.name(), e.serverId(), e.type()));
        } else if (payload instanceof ChannelDeleted e) {
            toMembers(pushes, audience, e.serverId(), position, "channel_deleted",
                      new ServerJson.ChannelDeleted(e.channelId(), e.serverId()));
        } else if (payload instanceof ChannelMessagePosted e) {
            toMembers(pushes, audience, e.serverId(), position, "message_created",
                      json.message(e.messageId(), e.authorId(), e.channelId(), e.serverId(), e.text(), e.at(), e.at()));
        } else if (payload instanceof ChannelMessageEdited e) {
            toMembers(pushes, audience, e.serverId(), position, "message_edited",
                      json.messageEdited(e.messageId(), e.channelId(), e.serverId(), e.text(), e.at()));
        } else if (payload instanceof ChannelMessageDeleted e) {
            toMembers(pushes, audience, e.serverId(), position, "message_deleted",
                      new ServerJson.MessageDeleted(e.messageId(), e.channelId(), e.serverId()));
        }
        return pushes;
    }

    /**
     * The event's first push (index 0), to every socket of everyone who was a member at the event's
     * position, the acting socket included. With nobody to receive it, the frame is not even written (a
     * catch-up skips the servers of others so).
     */
    private void toMembers(List<Push> pushes, Audience audience, long serverId, long position, String name,
                           Object data) {
        Collection<Long> members = audience.at(serverId, position);
        if (!members.isEmpty()) {
            long seq = PushCursor.of(position, 0);
            pushes.add(new Push(members, json.push(name, data, seq), seq, null));
        }
    }
}
