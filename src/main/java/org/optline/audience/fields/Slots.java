package org.optline.audience.fields;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.optline.audience.FieldType;

/**
 * The slot columns of the subscribers table. Slot names are the only identifiers ever put into SQL
 * text, and only after {@link #checked} has matched them against this fixed set. A multi-valued
 * field's slot ({@code multi_1} .. {@code multi_5}) is an array column: its sorted, distinct values.
 */
public final class Slots {

    private static final List<String> ALL = build();
    private static final Set<String> VALID = Set.copyOf(ALL);

    private Slots() {}

    /** Every slot column, in table order. */
    public static List<String> columns() {
        return ALL;
    }

    /** The first slot of {@code type} that none of {@code used} occupies. */
    public static Optional<String> free(FieldType type, Collection<String> used) {
        for (int i = 1; i <= type.maxFields(); i++) {
            String slot = type.slotPrefix() + "_" + i;
            if (!used.contains(slot)) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code slot} is an array column of a multi-valued field. */
    public static boolean isMulti(String slot) {
        return slot.startsWith(FieldType.MULTI.slotPrefix() + "_");
    }

    public static String checked(String slot) {
        if (!VALID.contains(slot)) {
            throw new IllegalStateException("Not a subscriber slot column: " + slot);
        }
        return slot;
    }

    private static List<String> build() {
        List<String> slots = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            for (int i = 1; i <= type.maxFields(); i++) {
                slots.add(type.slotPrefix() + "_" + i);
            }
        }
        return List.copyOf(slots);
    }
}
