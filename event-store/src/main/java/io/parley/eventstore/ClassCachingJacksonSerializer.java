package io.parley.eventstore;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, with the class behind each serialized type name looked up once. Axon asks
 * for it every time it reads an event's payload or metadata, and each time it was a {@code Class.forName}:
 * 8% of a replay's projection thread. A payload the store's read-ahead has already deserialized
 * ({@link ReadAheadPayload}) is handed out as it is.
 */
public class ClassCachingJacksonSerializer extends JacksonSerializer {

    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();

    public ClassCachingJacksonSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (serializedObject instanceof ReadAheadPayload<?> readAhead) {
            return (T) readAhead.deserialized();
        }
        return super.deserialize(serializedObject);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return classes.computeIfAbsent(type, super::classForType);
    }
}
