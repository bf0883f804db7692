package io.parley.realtime.api;

import io.parley.api.Refusal;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.HandlerExecutionException;

/** An error the client is told about: one of the protocol's error codes and a message for people. */
public class ApiError extends RuntimeException {

    private final String code;

    public ApiError(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ApiError badRequest(String message) {
        return new ApiError("bad_request", message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError("unauthorized", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError("forbidden", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError("not_found", message);
    }

    public static ApiError conflict(String message) {
        return new ApiError("conflict", message);
    }

    public static ApiError internal(String message) {
        return new ApiError("internal", message);
    }

    /** Translates what a command or query handler threw; null when it is no refusal but a fault. */
    public static ApiError from(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ApiError error) {
                return error;
            }
            if (t instanceof Refusal refusal) {
                return new ApiError(refusal.code(), refusal.getMessage());
            }
            if (isAxonServersConcurrencyRefusal(t)) {
                return conflict("a concurrent change won; try again");
            }
            if (t instanceof HandlerExecutionException remote && remote.getDetails().isPresent()) {
                // A refusal from another process arrives as its code in the details.
                String code = remote.getDetails().get().toString();
                return new ApiError(code, remote.getMessage());
            }
            if (t instanceof ConcurrencyException) {
                return conflict("a concurrent change won; try again");
            }
        }
        return null;
    }

    /**
     * Axon Server refuses an append whose aggregate sequence number is taken (another write to the same
     * aggregate won) with its error code AXONIQ-2000; a command handled through it reports that code only
     * in its message.
     */
    private static boolean isAxonServersConcurrencyRefusal(Throwable t) {
        return t instanceof HandlerExecutionException && t.getMessage() != null && t.getMessage().contains("[AXONIQ-2000]");
    }
}
