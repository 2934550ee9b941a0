package org.optline.compliance;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where an abuse case stands: {@code open} (a complaint came in), {@code investigating} (an
 * operator is on it), {@code resolved} (with a {@link CaseResolution}). A resolved case stays
 * resolved; a later complaint about the same client and campaign opens a new case.
 */
public enum CaseState {
    OPEN, INVESTIGATING, RESOLVED;

    public boolean canMoveTo(CaseState next) {
        return allowedNext().contains(next);
    }

    private Set<CaseState> allowedNext() {
        return switch (this) {
            case OPEN -> EnumSet.of(INVESTIGATING, RESOLVED);
            case INVESTIGATING -> EnumSet.of(OPEN, RESOLVED);
            case RESOLVED -> EnumSet.noneOf(CaseState.class);
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
