package io.parley.query.batching;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;
import org.springframework.stereotype.Component;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Has the entity manager write a batch's pending writes to a table before it reads that table, as it
 * flushes its own changes before a query: a load by id or a query (a bulk update or delete too) of a
 * table with writes pending writes them first, and only them, so the batches of other tables stay whole.
 */
@Component
class WritePendingBeforeReads implements AutoFlushEventListener, LoadEventListener {

    private final BatchingWriter writer;
    private final Map<String, List<String>> tablesByEntity = new ConcurrentHashMap<>();

    WritePendingBeforeReads(BatchingWriter writer, EntityManagerFactory entityManagers) {
        this.writer = writer;
        SessionFactoryImplementor sessions = entityManagers.unwrap(SessionFactoryImplementor.class);
        EventListenerRegistry listeners = sessions.getServiceRegistry().getService(EventListenerRegistry.class);
        listeners.prependListeners(EventType.AUTO_FLUSH, this);
        listeners.prependListeners(EventType.LOAD, this);
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) {
        writer.writePending(event.getQuerySpaces() == null ? List.of() : event.getQuerySpaces());
    }

    @Override
    public void onLoad(LoadEvent event, LoadType loadType) {
        String entity = event.getEntityClassName();
        if (entity == null) {
            writer.writePending(List.of());
            return;
        }
        writer.writePending(tablesByEntity.computeIfAbsent(entity, name -> Arrays.stream(
                (Serializable[]) event.getSession().getFactory().getMappingMetamodel().getEntityDescriptor(name)
                                      .getQuerySpaces()).map(String::valueOf).toList()));
    }
}
