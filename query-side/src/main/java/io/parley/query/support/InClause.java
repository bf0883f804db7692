package io.parley.query.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Ids for an SQL {@code in (?, ?, …)} list, in chunks small enough for any driver. Plain SQL, not the
 * entity manager, for the reads every message passes through: Hibernate plans a criteria query anew on
 * each call, which cost more than the query itself.
 */
public final class InClause {

    private static final int CHUNK = 500;

    private InClause() {
    }

    /** The ids (or other values a statement lists, such as pairs), distinct, in chunks of at most 500. */
    public static <T> List<List<T>> chunks(Collection<T> ids) {
        List<T> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Collections.emptyList();
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += CHUNK) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + CHUNK)));
        }
        return chunks;
    }

    /** {@code (?, ?, …)} with one marker per id. */
    public static String markers(Collection<Long> ids) {
        return "(" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
    }
}
