package org.optline.compliance.termination;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a termination is: its export being written, the export ready for download, the client's
 * data being purged, and purged. Each state moves only to the next.
 */
public enum TerminationState {
    EXPORTING, EXPORT_READY, PURGING, PURGED;

    public boolean canMoveTo(TerminationState next) {
        return next.ordinal() == ordinal() + 1;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TerminationState fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown termination state " + value));
    }
}
