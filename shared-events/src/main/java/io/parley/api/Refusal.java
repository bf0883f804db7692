package io.parley.api;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A command or query that the domain refuses. The code travels as the exception's details, so the
 * gateway can answer with it also when the handler ran in another process (Axon Server mode).
 */
public class Refusal extends CommandExecutionException {

    public static final String BAD_REQUEST = "bad_request";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String CONFLICT = "conflict";

    public Refusal(String code, String message) {
        super(message, null, code);
    }

    public String code() {
        return getDetails().map(Object::toString).orElse(BAD_REQUEST);
    }

    public static Refusal badRequest(String message) {
        return new Refusal(BAD_REQUEST, message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(FORBIDDEN, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(NOT_FOUND, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(CONFLICT, message);
    }
}
