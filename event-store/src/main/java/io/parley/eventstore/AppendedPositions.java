package io.parley.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

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

    /**
     * Notes the highest position of an append in the current unit of work's root. The engine appends as the
     * root commits (its prepare-commit phase), so the current unit of work is that root.
     */
    static void appended(long highest) {
        if (!CurrentUnitOfWork.isStarted()) {
            return; // appended outside any unit of work: nobody can ask
        }
        CurrentUnitOfWork.get().root().resources()
                         .merge(HIGHEST, highest, (before, now) -> Math.max((Long) before, (Long) now));
    }
}
