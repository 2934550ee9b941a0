package org.optline.platform;

import java.sql.Types;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * One SQL array parameter for {@code column = any(:values)}: the way to look up a batch of keys
 * on both PostgreSQL and H2 without building an IN list of thousands of parameters.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static SqlParameterValue of(Collection<String> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(String[]::new));
    }

    public static SqlParameterValue ofIds(Collection<UUID> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(UUID[]::new));
    }
}
