package io.parley.command;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.IdentifierMissingException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTargetsTest {

    private final CommandTargets targets = new CommandTargets();

    @Test
    void everyParleyCommandTargetsWhatAxonsOwnResolverFinds() throws Exception {
        AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
        List<Class<?>> commands = classes("io.parley.api", new AssignableTypeFilter(Record.class)).stream()
                .filter(type -> java.util.Arrays.stream(type.getMethods())
                                                .anyMatch(m -> m.isAnnotationPresent(TargetAggregateIdentifier.class)))
                .toList();
        assertThat(commands).hasSizeGreaterThan(20);
        long seed = 1;
        for (Class<?> type : commands) {
            Object command = instance(type, seed++);
            VersionedAggregateIdentifier expected = axon.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            VersionedAggregateIdentifier actual = targets.resolveTarget(GenericCommandMessage.asCommandMessage(command));
            assertThat(actual).as(type.getSimpleName()).isEqualTo(expected);
            assertThat(actual.getIdentifier()).as(type.getSimpleName()).isNotBlank();
        }
    }

    @Test
    void everyAggregateNamesThisResolver() throws Exception {
        List<Class<?>> aggregates = classes("io.parley.command", new AnnotationTypeFilter(Aggregate.class));
        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(6);
        for (Class<?> aggregate : aggregates) {
            assertThat(aggregate.getAnnotation(Aggregate.class).commandTargetResolver())
                    .as(aggregate.getSimpleName()).isEqualTo("commandTargets");
        }
    }

    @Test
    void aFieldCanCarryTheTarget() {
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new FieldTarget("dialog-7"))))
                .isEqualTo(new VersionedAggregateIdentifier("dialog-7", null));
    }

    @Test
    void aVersionedCommandKeepsItsVersion() {
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("server-3", 12L))))
                .isEqualTo(new VersionedAggregateIdentifier("server-3", 12L));
    }

    @Test
    void aCommandWithoutATargetIsRefusedClearly() {
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new NoTarget("x"))))
                .isInstanceOf(IdentifierMissingException.class).hasMessageContaining("NoTarget");
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new FieldTarget(null))))
                .isInstanceOf(IdentifierMissingException.class).hasMessageContaining("FieldTarget");
    }

    private static List<Class<?>> classes(String basePackage,
                                          org.springframework.core.type.filter.TypeFilter filter) throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(filter);
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(basePackage)) {
            found.add(Class.forName(definition.getBeanClassName()));
        }
        return found;
    }

    /** A record of the type with every component given a value: numbers from the seed, text, nulls elsewhere. */
    private static Object instance(Class<?> type, long seed) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            types[i] = t;
            values[i] = t == long.class ? seed + i : t == int.class ? (int) (seed + i)
                      : t == boolean.class ? false : t == String.class ? "text" : null;
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    private static final class FieldTarget {
        @TargetAggregateIdentifier
        private final String target;

        FieldTarget(String target) {
            this.target = target;
        }
    }

    private record Versioned(@TargetAggregateIdentifier String target, @TargetAggregateVersion Long version) {
    }

    private record NoTarget(String value) {
    }
}
