package io.parley.eventstore;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The global positions of the events this thread appended. Commands run on the caller's thread
 * (in-process command bus), so after {@code sendAndWait} returns, the gateway knows exactly which
 * positions its command wrote and can wait for the projections to pass them (read-your-writes).
 */
public final class AppendedPositions {

    private static final ThreadLocal<List<Long>> POSITIONS = ThreadLocal.withInitial(ArrayList::new);

    private AppendedPositions() {
    }

    /** Forgets what this thread appended before. */
    public static void reset() {
        POSITIONS.get().clear();
    }

    /** The highest position this thread appended since {@link #reset()}, or -1. */
    public static long highest() {
        return POSITIONS.get().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** Wraps the append statement so that, once its batch runs, the generated global indexes are recorded. */
    static PreparedStatement recording(PreparedStatement statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                Object result = method.invoke(statement, args);
                if (method.getName().equals("executeBatch")) {
                    record(statement);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (PreparedStatement) Proxy.newProxyInstance(AppendedPositions.class.getClassLoader(),
                                                          new Class<?>[]{PreparedStatement.class}, handler);
    }

    private static void record(PreparedStatement statement) throws Exception {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            List<Long> positions = POSITIONS.get();
            while (keys.next()) {
                positions.add(keys.getLong(1));
            }
        }
    }

}
