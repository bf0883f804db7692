package io.parley.query.support;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** Limit/offset paging over Spring Data, which pages by page number. */
public final class Pages {

    private Pages() {
    }

    public static Pageable of(int limit, int offset, Sort sort) {
        return new OffsetPageRequest(limit, offset, sort);
    }

    private record OffsetPageRequest(int limit, long offset, Sort sort) implements Pageable {

        @Override
        public int getPageNumber() {
            return (int) (offset / limit);
        }

        @Override
        public int getPageSize() {
            return limit;
        }

        @Override
        public long getOffset() {
            return offset;
        }

        @Override
        public Sort getSort() {
            return sort;
        }

        @Override
        public Pageable next() {
            return new OffsetPageRequest(limit, offset + limit, sort);
        }

        @Override
        public Pageable previousOrFirst() {
            return new OffsetPageRequest(limit, Math.max(0, offset - limit), sort);
        }

        @Override
        public Pageable first() {
            return new OffsetPageRequest(limit, 0, sort);
        }

        @Override
        public Pageable withPage(int pageNumber) {
            return new OffsetPageRequest(limit, (long) pageNumber * limit, sort);
        }

        @Override
        public boolean hasPrevious() {
            return offset > 0;
        }
    }
}
