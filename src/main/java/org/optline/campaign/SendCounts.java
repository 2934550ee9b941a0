package org.optline.campaign;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many of a campaign's recipients stand in each {@link SendState}. States with none are left
 * out of {@link #byState()}.
 */
public record SendCounts(Map<SendState, Long> byState) {

    public static final SendCounts NONE = new SendCounts(Map.of());

    public SendCounts {
        EnumMap<SendState, Long> counts = new EnumMap<>(SendState.class);
        byState.forEach((state, n) -> {
            if (n > 0) {
                counts.put(state, n);
            }
        });
        byState = Collections.unmodifiableMap(counts);
    }

    public long get(SendState state) {
        return byState.getOrDefault(state, 0L);
    }

    public long queued() {
        return get(SendState.QUEUED);
    }

    public long sending() {
        return get(SendState.SENDING);
    }

    public long sent() {
        return get(SendState.SENT);
    }

    public long deferred() {
        return get(SendState.DEFERRED);
    }

    public long failed() {
        return get(SendState.FAILED);
    }

    public long suppressed() {
        return get(SendState.SUPPRESSED);
    }

    /** Recipients still to be tried: queued, in a batch going out, or waiting for a retry. */
    public long remaining() {
        return byState.entrySet().stream().filter(e -> !e.getKey().isFinal()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Everyone the campaign was queued for, whatever became of them. */
    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether the campaign has a send queue at all (none before it starts sending). */
    public boolean any() {
        return !byState.isEmpty();
    }
}
