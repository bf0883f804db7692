package io.parley.gateway.operations;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;

/**
 * Spring reports a failed start with a stack trace; an unreachable database is no bug, so it is told in
 * the one line {@link DatabaseUnreachable} holds. Other failures are left to Spring.
 */
public class DatabaseUnreachableReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger("io.parley.Parley");

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnreachable unreachable) {
                log.error(unreachable.getMessage());
                return true;
            }
        }
        return false;
    }
}
