package io.parley.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;

/**
 * The instants in stored events ({@code "at":"2026-11-26T04:07:32.123456Z"}) read by {@link UtcTimestamps}.
 * Anything else (numbers, other offsets) goes to the deserializer the mapper would have used, which also
 * says what is wrong with a bad value.
 */
final class UtcInstantDeserializer extends DelegatingDeserializer {

    /** Wraps whatever deserializer the mapper finds for {@link Instant}. */
    static SimpleModule module() {
        return new SimpleModule("parley-utc-instants").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == Instant.class
                        ? new UtcInstantDeserializer(deserializer)
                        : deserializer;
            }
        });
    }

    private UtcInstantDeserializer(JsonDeserializer<?> delegate) {
        super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new UtcInstantDeserializer(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = UtcTimestamps.parseUtc(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return _delegatee.deserialize(parser, context);
    }
}
