package io.parley.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The global positions the engine gave the events of a unit of work, kept in the resources of its root:
 * Axon appends the events of a root and of all the units nested in it as the root commits, so whoever
 * started the root can ask, once it committed, where its events landed (read-your-writes waits for that).
 * A root whose events were appended elsewhere (another store, another process) has nothing here.
 */
public final class AppendedPositions {

    /** The highest position appended in a root, as a {@code Long} among its resources. */
    private static final String HIGHEST = AppendedPositions.class.getName() + ".highest";

    private AppendedPositions() {
    }

    /** The highest position the engine appended in this unit of work's root, or -1 when it appended nothing there. */
    public static long highestIn(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrDefaultResource(HIGHEST, -1L);
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

    /** Runs as the root commits (its prepare-commit phase appends), so the current unit of work is that root. */
    private static void record(PreparedStatement statement) throws SQLException {
        if (!CurrentUnitOfWork.isStarted()) {
            return; // appended outside any unit of work: nobody can ask
        }
        long highest = -1;
        try (ResultSet keys = statement.getGeneratedKeys()) {
            while (keys.next()) {
                highest = Math.max(highest, keys.getLong(1));
            }
        }
        CurrentUnitOfWork.get().root().resources()
                         .merge(HIGHEST, highest, (before, now) -> Math.max((Long) before, (Long) now));
    }
}
