package io.parley.realtime.api;

import com.fasterxml.jackson.databind.JsonNode;

/** What a request sees of the socket it came on: whose it is, and the route of a reply that is a push. */
public interface RequestingSocket {

    TokenClaims claims();

    /**
     * Registers a request whose reply is the push its write causes, before the write is sent (so the push
     * cannot come first); answers the origin the write's command carries.
     */
    Origin expectReplyByPush(String event, JsonNode requestId);

    /** The request's write is stored at this position; its push answers it once the push stream gets there. */
    void replyByPushStoredAt(long request, long position);

    /** The request is answered otherwise: it was refused, or its write stored nothing. */
    void forgetReplyByPush(long request);
}
