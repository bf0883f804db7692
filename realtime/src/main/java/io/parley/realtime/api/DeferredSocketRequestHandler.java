package io.parley.realtime.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A request whose reply waits on something that comes later (a post waits for the read models to show
 * its message). The request thread hands it over and goes back to reading frames; the reply is sent by
 * whichever thread completes the answer.
 */
@FunctionalInterface
public interface DeferredSocketRequestHandler extends SocketRequestHandler {

    /** The reply frame once it is ready; a refusal completes it exceptionally (an ApiError as such). */
    CompletableFuture<ObjectNode> answer(SocketRequest request);

    /** The same reply, waited for on the calling thread. */
    @Override
    default ObjectNode handle(SocketRequest request) {
        try {
            return answer(request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }
}
