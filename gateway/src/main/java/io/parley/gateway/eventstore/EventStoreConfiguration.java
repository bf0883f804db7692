package io.parley.gateway.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.ParleyProperties;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

/**
 * Axon's JDBC event store on Parley's own schema (Flyway, {@code V1__event_store.sql}): BYTEA payloads,
 * an identity column as the global index. Not used when Axon Server is the event store.
 */
@Configuration
public class EventStoreConfiguration {

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                          .eventTable("domain_event_entry")
                          .snapshotTable("snapshot_event_entry")
                          .globalIndexColumn("global_index")
                          .timestampColumn("time_stamp")
                          .eventIdentifierColumn("event_identifier")
                          .aggregateIdentifierColumn("aggregate_identifier")
                          .sequenceNumberColumn("sequence_number")
                          .typeColumn("type")
                          .payloadTypeColumn("payload_type")
                          .payloadRevisionColumn("payload_revision")
                          .payloadColumn("payload")
                          .metaDataColumn("meta_data")
                          .build();
    }

    /**
     * The serializer of events, messages and snapshots, built as Axon's auto-configuration builds its
     * Jackson serializer (Spring's object mapper, Axon's revision resolver and converters), but with
     * {@link ClassCachingJacksonSerializer}, and instants read by {@link UtcInstantDeserializer}. Axon uses
     * it for events and messages too, since {@code axon.serializer} names jackson for all three.
     */
    @Bean
    @Primary
    public Serializer serializer(RevisionResolver revisionResolver, ObjectMapper objectMapper,
                                 ApplicationContext context) {
        return new ClassCachingJacksonSerializer(
                JacksonSerializer.builder()
                                 .revisionResolver(revisionResolver)
                                 .converter(new ChainingConverter(context.getClassLoader()))
                                 // a copy: the instants in events are read fast, the socket's JSON is untouched
                                 .objectMapper(objectMapper.copy().registerModule(UtcInstantDeserializer.module())));
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema schema,
                                                 JdbcTemplate jdbc,
                                                 ParleyProperties properties) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .eventSerializer(eventSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(schema)
                                     .dataType(byte[].class)
                                     .batchSize(properties.getEventStore().getBatchSize())
                                     .appendEvents((connection, s, dataType, events, serializer, timestamps) ->
                                             events.size() <= MultiRowAppend.MAX_ROWS
                                                     ? MultiRowAppend.statement(returningGlobalIndex(connection, s),
                                                                                s, dataType, events, serializer,
                                                                                timestamps)
                                                     : JdbcEventStorageEngineStatements.appendEvents(
                                                             returningGlobalIndex(connection, s), s, dataType,
                                                             events, serializer, timestamps));
        // Axon's defaults for the gap offset and the lowest index, stated: the engine reads rows itself
        return new InOrderJdbcEventStorageEngine(
                builder, schema,
                new InOrderJdbcEventStorageEngine.Gaps(properties.getEventStore().getGapTimeout(), 10_000, 1),
                Holes.of(jdbc, properties.getEventStore().getHoleTimeout()));
    }

    /**
     * The event store every reader in this node shares: one producer thread reads the store and feeds
     * the processors, the push stream and resumes. It is woken by this node's own commits and, on
     * PostgreSQL, by other nodes' ({@link CommitNotifications}); otherwise (a hole being settled) it reads
     * again after {@code fetch-delay}.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public WakeableEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         ParleyProperties properties) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .fetchDelay(properties.getEventStore().getFetchDelay().toMillis())
                .cachedEvents(properties.getEventStore().getCachedEvents()));
    }

    /** Other nodes on the same PostgreSQL wake this node's store reader as they commit, and this node theirs. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public CommitNotifications commitNotifications(WakeableEventStore eventStore, ProjectionProgress progress,
                                                   DataSourceProperties database) {
        return new CommitNotifications(eventStore, progress, database);
    }

    /** A connection whose append statement hands back the generated global indexes to {@link AppendedPositions}. */
    private static Connection returningGlobalIndex(Connection connection, EventSchema schema) {
        return (Connection) Proxy.newProxyInstance(
                EventStoreConfiguration.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("prepareStatement") && args.length == 1) {
                            PreparedStatement statement = connection.prepareStatement(
                                    (String) args[0], new String[]{schema.globalIndexColumn()});
                            return AppendedPositions.recording(statement);
                        }
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 TokenStoreProperties tokenStoreProperties) {
        TokenSchema schema = TokenSchema.builder()
                                        .setTokenTable("token_entry")
                                        .setProcessorNameColumn("processor_name")
                                        .setSegmentColumn("segment")
                                        .setTokenColumn("token")
                                        .setTokenTypeColumn("token_type")
                                        .setTimestampColumn("time_stamp")
                                        .setOwnerColumn("owner")
                                        .build();
        return JdbcTokenStore.builder()
                             // Each running node claims segments under a name of its own, even two in one JVM.
                             .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID())
                             .connectionProvider(connectionProvider)
                             .serializer(serializer)
                             .schema(schema)
                             .contentType(byte[].class)
                             .claimTimeout(tokenStoreProperties.getClaimTimeout())
                             .build();
    }

    /**
     * Axon's event processing module (the one its auto-configuration would make), with the projections'
     * invoker replaced by {@link HandlersByPayloadType}.
     */
    @Bean
    public EventProcessingModule eventProcessingModule() {
        return new EventProcessingModule() {
            @Override
            protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker invoker,
                                                            TrackingEventProcessorConfiguration configuration,
                                                            StreamableMessageSource<TrackedEventMessage<?>> source) {
                return super.trackingEventProcessor(
                        name, ProjectionProgress.PROCESSOR.equals(name) ? HandlersByPayloadType.over(invoker) : invoker,
                        configuration, source);
            }
        };
    }

    /**
     * The projections report their progress, and commit without waiting for the disk unless
     * {@code parley.read-model-commits-wait-for-disk} ({@link RebuildableCommits}).
     */
    @Bean
    public ConfigurerModule projectionsProcessor(ProjectionProgress progress, TransactionManager transactionManager,
                                                 JdbcTemplate jdbc, ParleyProperties properties) {
        TransactionManager commits = RebuildableCommits.unlessWaitingForDisk(transactionManager, jdbc, properties);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTransactionManager(ProjectionProgress.PROCESSOR, c -> commits)
                .registerHandlerInterceptor(ProjectionProgress.PROCESSOR, c -> progress.reporter())
                // A failing projection is retried, never skipped: skipping would leave a read model wrong.
                .registerListenerInvocationErrorHandler(ProjectionProgress.PROCESSOR,
                                                        c -> PropagatingErrorHandler.instance()));
    }
}
