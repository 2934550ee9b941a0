package org.optline.compliance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How urgent an abuse case is, from what its complaints say: <b>high</b> when a report calls the
 * mail fraud or a virus, or five or more complaints gathered; <b>medium</b> from the second
 * complaint, or when a person wrote in (the site's abuse form, an operator's entry), which takes
 * more than a click on a spam button; <b>low</b> for one feedback-loop complaint.
 */
public enum Severity {
    LOW(1), MEDIUM(2), HIGH(3);

    /** Complaints in one case from which it is high whatever their kind. */
    public static final int HIGH_FROM = 5;

    private final int rank;

    Severity(int rank) {
        this.rank = rank;
    }

    /** The stored value, higher is more urgent. */
    public int rank() {
        return rank;
    }

    /** The severity of a case with these complaints. */
    public static Severity of(long complaints, boolean fraudOrVirus, boolean reportedByAPerson) {
        if (fraudOrVirus || complaints >= HIGH_FROM) {
            return HIGH;
        }
        if (complaints >= 2 || reportedByAPerson) {
            return MEDIUM;
        }
        return LOW;
    }

    public static Severity ofRank(int rank) {
        return Arrays.stream(values()).filter(s -> s.rank == rank).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No severity of rank " + rank));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
