package io.parley.gateway.operations;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring reports a failed start with a stack trace; a database or an Axon Server out of reach is no bug,
 * so it is told in one line. Other failures are left to Spring.
 */
public class UnreachableAtStartReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger("io.parley.Parley");

    private final ConfigurableApplicationContext context;

    public UnreachableAtStartReporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnreachable unreachable) {
                log.error(unreachable.getMessage());
                return true;
            }
            if (axonServerUnreachable(t)) {
                log.error("cannot reach Axon Server at {} (axon.axonserver.servers): {}",
                          context.getEnvironment().getProperty("axon.axonserver.servers", "localhost:8124"),
                          deepestMessage(t));
                return true;
            }
        }
        return false;
    }

    /** Whether a failure is Axon Server's connection refused or lost: nothing answered at its address. */
    public static boolean axonServerUnreachable(Throwable t) {
        return t instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.UNAVAILABLE;
    }

    private static String deepestMessage(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage() != null ? deepest.getMessage() : deepest.toString();
    }
}
