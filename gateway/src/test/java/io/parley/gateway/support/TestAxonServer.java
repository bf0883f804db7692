package io.parley.gateway.support;

import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.impl.ServerAddress;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Axon Server the end-to-end tests run against, when {@code PARLEY_TEST_AXONSERVER=host:port} (its
 * gRPC address) names one; otherwise they run on PostgreSQL's event store. Its store must be empty when
 * the run starts (an Axon Server started on an empty data directory): the run's database is new, and the
 * ids it hands out would meet the aggregates of an earlier run. The run checks that before anything starts.
 */
public final class TestAxonServer {

    /** The gRPC address, or null: the tests use PostgreSQL's event store. */
    public static final String ADDRESS = blankToNull(System.getenv("PARLEY_TEST_AXONSERVER"));
    public static final boolean ENABLED = ADDRESS != null;

    static {
        if (ENABLED) {
            requireEmptyStore();
        }
    }

    private TestAxonServer() {
    }

    private static void requireEmptyStore() {
        int colon = ADDRESS.lastIndexOf(':');
        AxonServerConnectionFactory factory = AxonServerConnectionFactory
                .forClient("parley-tests")
                .routingServers(new ServerAddress(ADDRESS.substring(0, colon), Integer.parseInt(ADDRESS.substring(colon + 1))))
                .build();
        long last;
        try {
            last = factory.connect("default").eventChannel().getLastToken().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no Axon Server answers at PARLEY_TEST_AXONSERVER=" + ADDRESS, e);
        } finally {
            factory.shutdown();
        }
        if (last >= 0) {
            throw new IllegalStateException("the Axon Server at PARLEY_TEST_AXONSERVER=" + ADDRESS + " holds " + (last + 1)
                                            + " events already: start it on an empty data directory for each run");
        }
    }

    /** The properties that put a Parley node on this Axon Server (none when the tests use PostgreSQL's store). */
    public static List<String> nodeArguments() {
        return ENABLED ? List.of("--axon.axonserver.enabled=true", "--axon.axonserver.servers=" + ADDRESS) : List.of();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
