package io.parley.gateway.realtime;

import io.parley.gateway.auth.JwtService;
import io.parley.gateway.auth.TokenClaims;
import io.parley.gateway.auth.UserDirectory;
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
import java.util.Optional;

/**
 * Authenticates the upgrade request: the JWT from {@code ?token=} or an {@code Authorization} header.
 * A refused token gets 401 and no socket; a valid token of an unknown user registers that user.
 */
@Component
public class AuthHandshakeInterceptor implements HandshakeInterceptor {

    private final JwtService jwt;
    private final UserDirectory users;

    public AuthHandshakeInterceptor(JwtService jwt, UserDirectory users) {
        this.jwt = jwt;
        this.users = users;
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
        if (token == null) {
            token = JwtService.fromAuthorizationHeader(request.getHeaders().getFirst("Authorization"));
        }
        String presented = token == null ? null : URLDecoder.decode(token, StandardCharsets.UTF_8);
        Optional<TokenClaims> claims = jwt.verify(presented);
        if (claims.isEmpty()) {
            // The REST side's words: missing, expired (and when), or not valid and why.
            refuse(response, HttpStatus.UNAUTHORIZED,
                   jwt.whyRefused(presented, "token query parameter (?token=) or the Authorization header"));
            return false;
        }
        users.ensureRegistered(claims.get());
        attributes.put(ParleySocketHandler.CLAIMS, claims.get());
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
