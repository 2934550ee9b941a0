package org.optline.platform;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * One SQL array parameter for {@code column = any(:values)}: the way to look up a batch of keys
 * on both PostgreSQL and H2 without building an IN list of thousands of parameters.
 */
public final class SqlArrays {

    /**
     * The most elements one array parameter carries: H2 refuses arrays of more than 65,536, so
     * longer lists go in several statements ({@link #chunks}).
     */
    public static final int MAX_ELEMENTS = 10_000;

    private SqlArrays() {}

    /** {@code values} in consecutive pieces of at most {@link #MAX_ELEMENTS}; none for an empty list. */
    public static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += MAX_ELEMENTS) {
            chunks.add(values.subList(from, Math.min(values.size(), from + MAX_ELEMENTS)));
        }
        return chunks;
    }

    public static SqlParameterValue of(Collection<String> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(String[]::new));
    }

    public static SqlParameterValue ofIds(Collection<UUID> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(UUID[]::new));
    }
}
