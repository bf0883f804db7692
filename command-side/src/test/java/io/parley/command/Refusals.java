package io.parley.command;

import io.parley.api.Refusal;
import org.axonframework.test.aggregate.ResultValidator;

/** The expectation every refused command shares: a Refusal with the given code, and nothing happened. */
public final class Refusals {

    private Refusals() {
    }

    public static void expectRefusal(ResultValidator<?> result, String code) {
        result.expectException(Refusal.class)
              .expectExceptionDetails(code)
              .expectNoEvents();
    }
}
