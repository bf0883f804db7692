package io.parley.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/**
 * What an operator needs from the log, in one place: where Parley listens, in which mode, on which database,
 * who is an admin, and when it stops. Frameworks' own start and stop lines are below the log's level
 * (application.yml).
 */
@Component
public class OperatorLog {

    private static final Logger log = LoggerFactory.getLogger("io.parley.Parley");

    private final Environment environment;
    private final ParleyProperties properties;

    public OperatorLog(Environment environment, ParleyProperties properties) {
        this.environment = environment;
        this.properties = properties;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        int port = web.getWebServer().getPort();
        boolean tls = environment.getProperty("server.ssl.bundle") != null
                || environment.getProperty("server.ssl.enabled", Boolean.class, false);
        log.info("mode {}, database {}", mode(), database(environment.getProperty("spring.datasource.url", "")));
        if (properties.getAdmins().isEmpty()) {
            log.info("no admins: PARLEY_ADMINS names the users whose password logins get the admin role");
        } else {
            log.info("password logins of {} get the admin role (PARLEY_ADMINS)", String.join(", ", properties.getAdmins()));
        }
        if (environment.getProperty("spring.mail.host", "").isBlank()) {
            log.info("no SMTP host (SPRING_MAIL_HOST): notification emails are not sent, only noted in the log");
        }
        // Last: the line that says Parley is ready.
        log.info("Parley listening on {}://localhost:{}, websocket {}://localhost:{}/ws/?token=JWT",
                 tls ? "https" : "http", port, tls ? "wss" : "ws", port);
    }

    /** The URL without its parameters, which may hold a password. */
    public static String database(String url) {
        int end = url.length();
        for (char c : new char[]{'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return url.substring(0, end);
    }

    @EventListener
    void stopping(ContextClosedEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext) {
            log.info("Parley stopping");
        }
    }

    private String mode() {
        var profiles = Arrays.asList(environment.getActiveProfiles());
        if (profiles.contains("axonserver")) {
            return "axonserver (Axon Server " + environment.getProperty("axon.axonserver.servers", "localhost:8124")
                    + ")";
        }
        return profiles.contains("postgres") ? "postgres" : "embedded";
    }
}
