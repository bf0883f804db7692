package io.parley.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's JDBC event store on Parley's own schema (Flyway, {@code V1__event_store.sql}): BYTEA payloads,
 * an identity column as the global index. Not used when Axon Server is the event store.
 */
@Configuration
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreConfiguration {

    /** Positions count from 1 in either store (see {@link StorePositions}); Axon Server's tokens are shifted. */
    @Bean
    public StorePositions storePositions(@Value("${axon.axonserver.enabled:true}") boolean axonServer) {
        return new StorePositions(axonServer);
    }

    @Bean
    public EventSchema eventSchema() {
        return schemaOf("domain_event_entry", "snapshot_event_entry");
    }

    /** Parley's column names on these tables (V1__event_store.sql); tests use it on tables of their own. */
    static EventSchema schemaOf(String eventTable, String snapshotTable) {
        return EventSchema.builder()
                          .eventTable(eventTable)
                          .snapshotTable(snapshotTable)
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
                                                 EventStoreProperties properties) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .eventSerializer(eventSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .schema(schema)
                                     .batchSize(properties.getBatchSize());
        // Axon's defaults for the gap offset and the lowest index, stated: the engine reads rows itself
        return new InOrderJdbcEventStorageEngine(
                builder, schema, transactionManager,
                new InOrderJdbcEventStorageEngine.Gaps(properties.getGapTimeout(), 10_000, 1),
                Holes.of(jdbc, properties.getHoleTimeout()),
                new HeadRead(properties.getFetchDelay()));
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
                                         EventStoreProperties properties) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .fetchDelay(properties.getFetchDelay().toMillis())
                .cachedEvents(properties.getCachedEvents()));
    }

    /** Other nodes on the same PostgreSQL wake this node's store reader as they commit, and this node theirs. */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public CommitNotifications commitNotifications(WakeableEventStore eventStore, DataSourceProperties database) {
        return new CommitNotifications(eventStore, database);
    }
}
