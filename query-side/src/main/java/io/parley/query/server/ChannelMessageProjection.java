package io.parley.query.server;

import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePage;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.api.server.ChannelMessageView;
import io.parley.api.server.FindChannelMessage;
import io.parley.api.server.LoadChannelMessages;
import io.parley.api.server.ServerDeleted;
import io.parley.query.support.Pages;
import io.parley.query.support.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The channel messages read model. A deleted message keeps its row (flagged) so that it can still serve
 * as a paging cursor; a deleted channel or server takes its messages' rows with it: they are unreachable
 * from then on, and their history stays in the event store.
 */
@Component
@ProcessingGroup("projections")
public class ChannelMessageProjection {

    private final ChannelMessageRepository messages;

    public ChannelMessageProjection(ChannelMessageRepository messages) {
        this.messages = messages;
    }

    @EventHandler
    void on(ChannelMessagePosted event, TrackingToken token) {
        messages.save(new ChannelMessageEntry(event.messageId(), event.channelId(), event.serverId(),
                                              event.authorId(), event.text(), event.at(), Positions.of(token)));
    }

    @EventHandler
    void on(ChannelMessageEdited event) {
        messages.findById(event.messageId()).ifPresent(m -> m.edit(event.text(), event.at()));
    }

    @EventHandler
    void on(ChannelMessageDeleted event) {
        messages.findById(event.messageId()).ifPresent(ChannelMessageEntry::delete);
    }

    @EventHandler
    void on(ChannelDeleted event) {
        messages.deleteByChannel(event.channelId());
    }

    @EventHandler
    void on(ServerDeleted event) {
        messages.deleteByServer(event.serverId());
    }

    @ResetHandler
    void reset() {
        messages.deleteAllInBatch();
    }

    @QueryHandler
    public ChannelMessagePage handle(LoadChannelMessages query) {
        Optional<Long> after = query.after() == null ? Optional.of(Long.MIN_VALUE) : positionOf(query.after());
        Optional<Long> before = query.before() == null ? Optional.of(Long.MAX_VALUE) : positionOf(query.before());
        if (after.isEmpty() || before.isEmpty()) {
            // The gateway checked the cursors; gone since then means the channel is gone.
            return new ChannelMessagePage(List.of(), 0);
        }
        // Pages count back from the newest message; inside a page, oldest first.
        Page<ChannelMessageEntry> page = messages.findBetween(
                query.channelId(), after.get(), before.get(),
                Pages.of(query.limit(), query.offset(), Sort.by(Sort.Direction.DESC, "position")));
        List<ChannelMessageView> oldestFirst = new ArrayList<>(page.getContent().stream()
                                                                   .map(ChannelMessageEntry::toView).toList());
        Collections.reverse(oldestFirst);
        return new ChannelMessagePage(oldestFirst, page.getTotalElements());
    }

    @QueryHandler
    public ChannelMessageView handle(FindChannelMessage query) {
        return messages.findById(query.messageId()).map(ChannelMessageEntry::toView).orElse(null);
    }

    private Optional<Long> positionOf(long messageId) {
        return messages.findById(messageId).map(ChannelMessageEntry::getPosition);
    }
}
