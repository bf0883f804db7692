package io.parley.realtime.socket;

import io.parley.realtime.api.ApiError;
import io.parley.realtime.api.SocketAuthenticator;
import io.parley.realtime.api.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Authenticates the upgrade request: the JWT from {@code ?token=} or an {@code Authorization} header.
 * A refused token gets 401 and no socket; a valid token of an unknown user registers that user.
 */
@Component
public class AuthHandshakeInterceptor implements HandshakeInterceptor {

    private final SocketAuthenticator authenticator;

    public AuthHandshakeInterceptor(SocketAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        String since = query.getFirst("since");
        if (since != null) {
            // Resume after a push's cursor: a whole number, 0 or more. Anything else is refused outright.
            if (!since.matches("\\d{1,18}")) {
                refuse(response, HttpStatus.BAD_REQUEST, "since must be a whole number from 0 up (a push's seq)");
                return false;
            }
            attributes.put(ParleySocketHandler.SINCE, Long.parseLong(since));
        }
        String token = query.getFirst("token");
        TokenClaims claims;
        try {
            claims = authenticator.authenticate(token == null ? null : URLDecoder.decode(token, StandardCharsets.UTF_8),
                                                request.getHeaders().getFirst("Authorization"));
        } catch (ApiError refused) {
            if (!refused.code().equals("unauthorized")) {
                throw refused;
            }
            refuse(response, HttpStatus.UNAUTHORIZED, refused.getMessage());
            return false;
        }
        attributes.put(ParleySocketHandler.CLAIMS, claims);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // nothing to do
    }

    /** The handshake's refusal, with a plain-text body that says what is wrong. */
    private static void refuse(ServerHttpResponse response, HttpStatus status, String why) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        try {
            response.getBody().write(why.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the status alone still says it
        }
    }
}
