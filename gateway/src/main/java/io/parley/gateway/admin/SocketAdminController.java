package io.parley.gateway.admin;

import io.parley.realtime.api.TokenClaims;
import io.parley.realtime.socket.SocketRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** This node's sockets: how many are open, and how many it closed and why (4001, 4002, 4008, …). */
@RestController
public class SocketAdminController {

    private final SocketRegistry sockets;

    public SocketAdminController(SocketRegistry sockets) {
        this.sockets = sockets;
    }

    @GetMapping("/api/admin/sockets")
    public Map<String, Object> stats(TokenClaims caller) {
        caller.requireAdmin();
        return sockets.stats();
    }
}
