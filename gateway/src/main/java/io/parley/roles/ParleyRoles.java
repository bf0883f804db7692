package io.parley.roles;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code parley.roles}: what this process does, any of {@code command} (the aggregates), {@code query} (the
 * read models, their queries, the email sender) and {@code gateway} (the websocket, REST, pushes); all three
 * by default. A role left out is left out of component scanning, so its classes never start here. Split
 * over processes, the roles reach each other through Axon Server's routing of commands and queries; without
 * Axon Server a process must hold all three, and refuses to start otherwise.
 */
public final class ParleyRoles implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public enum Role { COMMAND, QUERY, GATEWAY }

    /** The classes of each role, by name prefix; everything else (store, processing, probes) runs in every role. */
    private static final List<Owned> OWNERS = List.of(
            new Owned("io.parley.command.", Role.COMMAND),
            new Owned("io.parley.query.", Role.QUERY),
            new Owned("io.parley.notifications.DialogEmailNotifier", Role.QUERY),
            new Owned("io.parley.notifications.EmailSender", Role.QUERY),
            new Owned("io.parley.notifications.EmailProcessing", Role.QUERY),
            new Owned("io.parley.realtime.", Role.GATEWAY),
            new Owned("io.parley.gateway.dialog.", Role.GATEWAY),
            new Owned("io.parley.gateway.server.", Role.GATEWAY),
            new Owned("io.parley.gateway.user.", Role.GATEWAY),
            new Owned("io.parley.gateway.audit.", Role.GATEWAY),
            new Owned("io.parley.gateway.file.", Role.GATEWAY),
            new Owned("io.parley.gateway.admin.", Role.GATEWAY),
            new Owned("io.parley.gateway.web.", Role.GATEWAY),
            new Owned("io.parley.gateway.auth.AuthController", Role.GATEWAY),
            new Owned("io.parley.gateway.auth.SocketLogin", Role.GATEWAY),
            new Owned("io.parley.gateway.auth.UserDirectory", Role.GATEWAY),
            new Owned("io.parley.gateway.Sides", Role.GATEWAY),
            new Owned("io.parley.gateway.IdAllocator", Role.GATEWAY));

    private record Owned(String prefix, Role role) {
    }

    /** The roles {@code parley.roles} names (comma-separated, any case); all three when unset. */
    public static Set<Role> of(Environment environment) {
        String value = environment.getProperty("parley.roles", "command,query,gateway");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : value.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("parley.roles: unknown role '" + name.trim()
                                                + "' (the roles are command, query and gateway)");
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException("parley.roles names no role (the roles are command, query and gateway)");
        }
        return roles;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
        Set<Role> roles = of(environment);
        if (roles.size() == Role.values().length) {
            return; // one process does everything: nothing to leave out
        }
        if (!environment.getProperty("axon.axonserver.enabled", Boolean.class, true)) {
            throw new IllegalStateException("parley.roles=" + environment.getProperty("parley.roles")
                                            + " leaves roles to other processes, and only Axon Server routes commands"
                                            + " and queries between processes: run with the axonserver profile, or"
                                            + " give this process all three roles (command,query,gateway)");
        }
        // Spring Boot's component scan asks every TypeExcludeFilter bean about each class it finds.
        context.getBeanFactory().registerSingleton("parleyRolesFilter", new LeftOut(roles));
    }

    /** Leaves the classes of the roles this process does not hold out of component scanning. */
    static final class LeftOut extends TypeExcludeFilter {

        private final Set<Role> held;

        LeftOut(Set<Role> held) {
            this.held = held;
        }

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            String name = reader.getClassMetadata().getClassName();
            for (Owned owned : OWNERS) {
                if (name.startsWith(owned.prefix())) {
                    return !held.contains(owned.role());
                }
            }
            return false;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LeftOut left && left.held.equals(held);
        }

        @Override
        public int hashCode() {
            return held.hashCode();
        }
    }
}
