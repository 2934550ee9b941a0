package org.optline.segment.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optline.segment.CompiledSegment;

/** The named parameters of one compiled segment: values are bound, never written into the SQL. */
final class SqlParams {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds a value and answers its placeholder ({@code :segment_p7}). */
    String add(Object value) {
        String name = CompiledSegment.PREFIX + "p" + values.size();
        values.put(name, value);
        return ":" + name;
    }

    void put(String name, Object value) {
        values.put(name, value);
    }

    Map<String, Object> all() {
        return Map.copyOf(values);
    }
}
