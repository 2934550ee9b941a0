package org.optline.audience.fields;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.optline.audience.FieldType;

/**
 * The typed slot columns of the subscribers table. Slot names are the only identifiers ever put
 * into SQL text, and only after {@link #checked} has matched them against this fixed set.
 */
public final class Slots {

    /** The slot of multi-valued fields: their values are rows of subscriber_tags. */
    public static final String TAGS = "tags";

    private static final List<String> ALL = build();
    private static final Set<String> VALID = Set.copyOf(ALL);

    private Slots() {}

    /** Every slot column, in table order. */
    public static List<String> columns() {
        return ALL;
    }

    /** The first slot of {@code type} that none of {@code used} occupies. */
    public static Optional<String> free(FieldType type, Collection<String> used) {
        if (type == FieldType.MULTI) {
            return Optional.of(TAGS);
        }
        for (int i = 1; i <= type.maxFields(); i++) {
            String slot = type.slotPrefix() + "_" + i;
            if (!used.contains(slot)) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    public static String checked(String slot) {
        if (!TAGS.equals(slot) && !VALID.contains(slot)) {
            throw new IllegalStateException("Not a subscriber slot column: " + slot);
        }
        return slot;
    }

    private static List<String> build() {
        List<String> slots = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            if (type.slotPrefix() != null) {
                for (int i = 1; i <= type.maxFields(); i++) {
                    slots.add(type.slotPrefix() + "_" + i);
                }
            }
        }
        return List.copyOf(slots);
    }
}
