package io.parley.realtime.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * Reads an id from a request, socket or REST alike: an integer from 1 to 2^53-1, given as a JSON number
 * or as a string of digits ("52"), as the origin's serializers took them (its frontend sends ids read
 * from the page as strings).
 */
public final class Ids {

    /** Ids are integers below 2^53, safe in JavaScript. */
    public static final long MAX = (1L << 53) - 1;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,16}");

    private Ids() {
    }

    public static long parse(String name, JsonNode node) {
        long id;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            id = node.asLong();
        } else if (node.isTextual() && DIGITS.matcher(node.asText()).matches()) {
            id = Long.parseLong(node.asText());
        } else {
            id = 0;
        }
        if (id < 1 || id > MAX) {
            throw ApiError.badRequest(name + " must be a positive integer (a number or a string of digits)");
        }
        return id;
    }
}
