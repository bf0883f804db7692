package io.parley.eventstore;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * A stored payload together with the object it deserializes to, made on the store's read-ahead thread
 * ({@link InOrderJdbcEventStorageEngine}) while the reader still handled the batch before.
 * {@link ClassCachingJacksonSerializer} hands that object out instead of reading the bytes again. An
 * event that an upcaster changes reaches the serializer as a new serialized object, so the upcaster's
 * result is read as usual.
 */
final class ReadAheadPayload<T> extends SimpleSerializedObject<T> {

    private final Object deserialized;

    ReadAheadPayload(SerializedObject<T> stored, Object deserialized) {
        super(stored.getData(), stored.getContentType(), stored.getType());
        this.deserialized = deserialized;
    }

    Object deserialized() {
        return deserialized;
    }
}
