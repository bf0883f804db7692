package io.parley.query.server;

import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePage;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.api.server.ChannelMessageView;
import io.parley.api.server.FindChannelMessage;
import io.parley.api.server.LoadChannelMessages;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelMessageProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    ChannelMessageProjection projection;

    @Test
    void pagesCountBackFromTheNewestAndCursorsBoundThem() {
        batch(() -> {
            for (long id = 500; id < 505; id++) {
                projection.on(new ChannelMessagePosted(id, 50, 5, 1, "text " + id, AT), at(id));
            }
        });

        ChannelMessagePage newest = projection.handle(new LoadChannelMessages(50, 2, 0, null, null));
        assertThat(newest.total()).isEqualTo(5);
        assertThat(newest.items()).extracting(ChannelMessageView::id).containsExactly(503L, 504L);
        assertThat(projection.handle(new LoadChannelMessages(50, 20, 0, 503L, 500L)).items())
                .extracting(ChannelMessageView::id).containsExactly(501L, 502L);
    }

    @Test
    void editsAndDeletionsShowInTheMessage() {
        batch(() -> {
            projection.on(new ChannelMessagePosted(510, 51, 5, 1, "typo", AT), at(1));
            projection.on(new ChannelMessagePosted(511, 51, 5, 1, "gone", AT), at(2));
            projection.on(new ChannelMessageEdited(510, 51, 5, 1, "fixed", AT.plusSeconds(1)));
            projection.on(new ChannelMessageDeleted(511, 51, 5, 1, AT.plusSeconds(2)));
        });

        ChannelMessageView edited = projection.handle(new FindChannelMessage(510));
        assertThat(edited.text()).isEqualTo("fixed");
        assertThat(edited.edited()).isEqualTo(AT.plusSeconds(1));
        assertThat(projection.handle(new LoadChannelMessages(51, 20, 0, null, null)).items())
                .extracting(ChannelMessageView::id).containsExactly(510L);
    }

    @Test
    void aDeletedChannelTakesItsMessages() {
        batch(() -> projection.on(new ChannelMessagePosted(520, 52, 5, 1, "hello", AT), at(1)));
        batch(() -> projection.on(new ChannelDeleted(5, 52, 1, AT)));

        assertThat(projection.handle(new FindChannelMessage(520))).isNull();
    }
}
