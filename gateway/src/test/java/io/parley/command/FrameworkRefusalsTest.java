package io.parley.command;

import io.parley.api.Refusal;
import io.parley.api.dialog.EditDialogMessage;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Tokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The framework's own refusal of a command leaves the command side as a {@link Refusal} with its code, the
 * one form that crosses to another process (Axon Server mode): the interceptor is on the command bus.
 */
class FrameworkRefusalsTest extends ParleyTest {

    @Autowired
    CommandGateway commands;

    @Test
    void aCommandToAnAggregateThatDoesNotExistIsRefusedAsNotFound() {
        long unknownMessage = Long.MAX_VALUE - Tokens.newUserId();
        assertThatThrownBy(() -> commands.sendAndWait(new EditDialogMessage(unknownMessage, Tokens.newUserId(), "x")))
                .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.code()).isEqualTo(Refusal.NOT_FOUND));
    }
}
