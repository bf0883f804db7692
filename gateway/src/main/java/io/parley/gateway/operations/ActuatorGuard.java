package io.parley.gateway.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.auth.JwtService;
import io.parley.realtime.api.TokenClaims;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * The actuator on Parley's own port: the health probes are open (a load balancer calls them), every other
 * endpoint (metrics above all) answers only an admin's token, as {@code /api/admin/*} does. With a
 * management port of its own ({@code management.server.port}) the actuator is served there instead, without
 * a token: that port is for the operator's network only, and this filter does not guard it.
 */
@Component
public class ActuatorGuard extends OncePerRequestFilter {

    private static final String ACTUATOR = "/actuator";

    private final JwtService jwt;
    private final ObjectMapper mapper;
    private final boolean separateManagementPort;

    public ActuatorGuard(JwtService jwt, ObjectMapper mapper, Environment environment) {
        this.jwt = jwt;
        this.mapper = mapper;
        String managementPort = environment.getProperty("management.server.port", "");
        this.separateManagementPort = !managementPort.isBlank()
                && !managementPort.equals(environment.getProperty("server.port", "8080"));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean actuator = path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/");
        boolean health = path.equals(ACTUATOR + "/health") || path.startsWith(ACTUATOR + "/health/");
        return separateManagementPort || !actuator || health;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            TokenClaims caller = jwt.require(JwtService.fromAuthorizationHeader(request.getHeader("Authorization")),
                                             "Authorization header (JWT <token> or Bearer <token>)");
            caller.requireAdmin();
        } catch (ApiError refused) {
            response.setStatus("forbidden".equals(refused.code()) ? HttpServletResponse.SC_FORBIDDEN
                                                                  : HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            mapper.writeValue(response.getOutputStream(), Map.of("code", refused.code(), "message",
                                                                 refused.getMessage()));
            return;
        }
        chain.doFilter(request, response);
    }
}
