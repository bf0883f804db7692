package io.parley.command;

import io.parley.api.Refusal;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Turns the framework's own refusals of a command (no such aggregate; a concurrent write to it won) into
 * {@link Refusal}s, whose code travels as the exception's details. Handled in this process the gateway
 * would recognise the framework's exceptions too; routed through Axon Server only the details arrive,
 * so the client is told {@code not_found} or {@code conflict} either way, not {@code internal}.
 * <p>
 * A bean: Axon's Spring configuration puts every command handler interceptor bean on the command bus
 * (registering it here as well had it run twice for every command).
 */
@Component
public class FrameworkRefusals implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            throw Refusal.notFound("not found");
        } catch (ConcurrencyException e) {
            throw Refusal.conflict("a concurrent change won; try again");
        }
    }
}
