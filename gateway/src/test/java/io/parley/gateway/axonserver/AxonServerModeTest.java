package io.parley.gateway.axonserver;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.ParleyApplication;
import io.parley.eventstore.ClassCachingJacksonSerializer;
import io.parley.gateway.support.Tokens;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@code axonserver} profile, started where no Axon Server answers (there is none on CI machines).
 * Everything is wired before anything starts: Axon Server's buses and event store take over (the
 * command bus with Axon's local segment), Parley's query bus and JDBC event store step aside, and
 * events are serialized as in the other modes. Then Parley refuses to start, because its push stream
 * needs the store's head. Running against a real Axon Server is verified outside CI.
 */
class AxonServerModeTest {

    @TempDir
    Path dataDir;

    /** Looks at the wiring just before the push stream starts (the first thing that needs Axon Server). */
    static class WiringProbe implements SmartLifecycle {

        final Map<String, Object> seen = new LinkedHashMap<>();
        private final ApplicationContext context;
        private boolean running;

        WiringProbe(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public void start() {
            seen.put("command bus", context.getBean(CommandBus.class));
            seen.put("query bus", context.getBean(QueryBus.class));
            seen.put("event store", context.getBean(EventStore.class));
            seen.put("storage engines", context.getBeansOfType(EventStorageEngine.class));
            seen.put("local command buses", context.getBeansOfType(SimpleCommandBus.class));
            seen.put("query buses", context.getBeansOfType(QueryBus.class));
            seen.put("serializer", context.getBean(Serializer.class));
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE / 2 - 1;
        }
    }

    @Test
    void axonServerTakesTheBusesAndTheStoreAndWithoutItParleyDoesNotStart() throws Exception {
        int nobodyListens;
        try (ServerSocket probe = new ServerSocket(0)) {
            nobodyListens = probe.getLocalPort();
        }
        WiringProbe[] probe = new WiringProbe[1];
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ParleyApplication.class)
                .profiles("axonserver")
                .initializers(context -> {
                    probe[0] = new WiringProbe(context);
                    context.getBeanFactory().registerSingleton("axonServerWiringProbe", probe[0]);
                })
                .run("--server.port=0", "--PARLEY_DATA_DIR=" + dataDir, "--parley.jwt.secret=" + Tokens.SECRET,
                     "--axon.axonserver.servers=127.0.0.1:" + nobodyListens));

        Map<String, Object> seen = probe[0].seen;
        assertThat(seen.get("command bus")).isInstanceOf(AxonServerCommandBus.class);
        assertThat(seen.get("query bus")).isInstanceOf(AxonServerQueryBus.class);
        assertThat(seen.get("event store")).isInstanceOf(AxonServerEventStore.class);
        assertThat((Map<?, ?>) seen.get("storage engines")).isEmpty();
        assertThat((Map<?, ?>) seen.get("local command buses")).hasSize(1);
        assertThat((Map<?, ?>) seen.get("query buses")).hasSize(1);
        assertThat(seen.get("serializer")).isInstanceOf(ClassCachingJacksonSerializer.class);

        assertThat(failure).isNotNull();
        assertThat(rootCause(failure)).isInstanceOf(StatusRuntimeException.class);
        assertThat(((StatusRuntimeException) rootCause(failure)).getStatus().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
