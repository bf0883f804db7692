package io.parley;

import io.parley.gateway.operations.DatabaseUnreachable;
import io.parley.gateway.operations.UnreachableAtStartReporter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Parley in one process. It lives in the root package so that component, entity and repository
 * scanning finds the command and query sides, which the gateway only has at runtime.
 */
@SpringBootApplication
@EnableScheduling
public class ParleyApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(ParleyApplication.class, args);
        } catch (RuntimeException failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof DatabaseUnreachable || UnreachableAtStartReporter.axonServerUnreachable(cause)) {
                    // Said in one line by UnreachableAtStartReporter; a supervisor sees the exit status.
                    System.exit(1);
                }
            }
            throw failed;
        }
    }
}
