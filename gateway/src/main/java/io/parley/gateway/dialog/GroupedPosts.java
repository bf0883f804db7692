package io.parley.gateway.dialog;

import io.parley.api.dialog.PostDialogMessage;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.processing.NodeThread;
import io.parley.realtime.api.Origin;
import io.parley.gateway.ParleyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of dialog posts. A post's command is cheap next to its transaction (a connection, the
 * append's round trip, a synchronous commit), so posts that wait at the same moment, from any sockets,
 * are sent together in one unit of work and committed by one transaction (up to
 * {@code parley.post-group-max}): the more posts arrive, the larger the groups.
 * <p>
 * One thread sends the groups. A group holds the lock of each dialog it posts to until it commits; with
 * a single sender, no two groups wait for each other's locks. Should any post of a group fail (a refusal,
 * say), nothing of the group is stored, and its posts are sent again one by one, each with its own
 * outcome. With Axon Server (commands commit where they are handled) every post is sent on its own.
 */
@Component
public class GroupedPosts extends NodeThread {

    private static final Logger log = LoggerFactory.getLogger(GroupedPosts.class);
    private static final long STOP_LOOK_MILLIS = 100;

    private final Sides sides;
    private final int groupMax;
    /** Whether posts are grouped at all: decided once, as neither the limit nor the store changes. */
    private final boolean grouping;
    private final BlockingQueue<Post> waiting = new LinkedBlockingQueue<>();

    public GroupedPosts(Sides sides, ParleyProperties properties) {
        super("parley-post-groups");
        this.sides = sides;
        this.groupMax = Math.max(1, properties.getPostGroupMax());
        this.grouping = groupMax > 1 && sides.groupable();
    }

    /** A post waiting to be sent; {@code written} completes once it is stored, or with its failure. */
    record Post(PostDialogMessage command, Origin origin, CompletableFuture<Sides.Written> written) {

        Post(PostDialogMessage command, Origin origin) {
            this(command, origin, new CompletableFuture<>());
        }
    }

    /**
     * Sends the post with whatever others are waiting. The answer completes once the post is stored (as
     * Sides.dispatch answers), or with its failure; without grouping it is complete on return.
     */
    public CompletableFuture<Sides.Written> submit(PostDialogMessage command, Origin origin) {
        Post post = new Post(command, origin);
        if (!grouping || !running()) {
            sendAlone(post);
        } else {
            waiting.add(post);
        }
        return post.written();
    }

    /**
     * Not interrupted by a stop: a group being sent is finished (an interrupt would fail its commands at
     * their aggregates' locks); the loop sees the stop within {@code STOP_LOOK_MILLIS}.
     */
    @Override
    protected boolean interruptedToStop() {
        return false;
    }

    @Override
    protected void loop() {
        while (running()) {
            List<Post> group = new ArrayList<>();
            try {
                Post first = waiting.poll(STOP_LOOK_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                break;
            }
            waiting.drainTo(group, groupMax - 1);
            send(group);
        }
        // Stopping: whoever still waits is answered.
        List<Post> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(post -> post.written().completeExceptionally(ApiError.internal("shutting down")));
    }

    /** Sends these posts together, or, should that fail, one by one; every post's {@code written} completes. */
    void send(List<Post> group) {
        // Not all or nothing where the commands commit where they are handled (Axon Server): one by one then.
        if (group.size() > 1 && grouping && sendTogether(group)) {
            return;
        }
        group.forEach(this::sendAlone);
    }

    private boolean sendTogether(List<Post> group) {
        try {
            Sides.GroupWritten written = sides.dispatchTogether(
                    group.stream().map(p -> (Object) p.command()).toList(),
                    group.stream().map(Post::origin).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).written().complete(new Sides.Written(written.results().get(i), written.position()));
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("a group of {} posts failed ({}); sending them one by one", group.size(), e.toString());
            return false;
        }
    }

    private void sendAlone(Post post) {
        try {
            post.written().complete(sides.dispatch(post.command(), post.origin()));
        } catch (RuntimeException e) {
            post.written().completeExceptionally(e);
        }
    }
}
