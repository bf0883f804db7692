package io.parley.command;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.IdentifierMissingException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Finds the aggregate a command targets: its {@code @TargetAggregateIdentifier} member, looked up once
 * per command class. Axon's own resolver searches the class's methods and their annotations for every
 * command it handles; under a steady stream of posts that search made about a fifth of everything Parley
 * allocated. Every aggregate names this bean ({@code @Aggregate(commandTargetResolver = "commandTargets")}).
 * A command class that carries a {@code @TargetAggregateVersion} is left to Axon's resolver.
 */
@Component("commandTargets")
public class CommandTargets implements CommandTargetResolver {

    private static final CommandTargetResolver AXON = AnnotationCommandTargetResolver.builder().build();

    private final ClassValue<CommandTargetResolver> byClass = new ClassValue<>() {
        @Override
        protected CommandTargetResolver computeValue(Class<?> type) {
            return resolverOf(type);
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        return byClass.get(command.getPayloadType()).resolveTarget(command);
    }

    private static CommandTargetResolver resolverOf(Class<?> type) {
        if (annotated(type, TargetAggregateVersion.class) != null) {
            return AXON;
        }
        AnnotatedElement member = annotated(type, TargetAggregateIdentifier.class);
        if (member == null) {
            return command -> {
                throw new IdentifierMissingException(
                        "Invalid command. It does not identify the target aggregate. Make sure at least one of the "
                        + "fields or methods in the [" + type.getSimpleName() + "] class contains the "
                        + "@TargetAggregateIdentifier annotation and that it returns a non-null value.");
            };
        }
        ReflectionUtils.ensureAccessible((java.lang.reflect.AccessibleObject) member);
        return command -> {
            Object identifier = read(member, command.getPayload());
            if (identifier == null) {
                throw new IdentifierMissingException(
                        "Invalid command. The target aggregate identifier of [" + type.getSimpleName() + "] is null.");
            }
            return new VersionedAggregateIdentifier(identifier, null);
        };
    }

    /** The first method, else the first field, carrying the annotation (meta-annotations included). */
    private static AnnotatedElement annotated(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                if (method.getParameterCount() != 0) {
                    throw new AxonConfigurationException(
                            "The @" + annotation.getSimpleName() + " method " + method + " must take no parameters");
                }
                return method;
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return field;
            }
        }
        return null;
    }

    private static Object read(AnnotatedElement member, Object payload) {
        try {
            return member instanceof Method method ? method.invoke(payload) : ((Field) member).get(payload);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the target of " + payload.getClass().getSimpleName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Reading the target of " + payload.getClass().getSimpleName() + " failed",
                                            e.getCause());
        }
    }
}
