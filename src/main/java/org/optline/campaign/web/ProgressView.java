package org.optline.campaign.web;

import org.optline.campaign.SendCounts;

/** Sending figures with the rate since the last poll and the time left at that rate. */
record ProgressView(long sent, long remaining, long deferred, long failed, long suppressed, long at, Double rate,
                    String eta, boolean any) {

    static ProgressView of(SendCounts counts, Long sentBefore, Long atBefore, long now) {
        long sent = counts.sent();
        long remaining = counts.remaining();
        Double rate = sentBefore == null || atBefore == null || now <= atBefore ? null
                : Math.max(0, sent - sentBefore) * 1000.0 / (now - atBefore);
        String eta = rate == null || rate <= 0 || remaining == 0 ? null : duration(Math.round(remaining / rate));
        return new ProgressView(sent, remaining, counts.deferred(), counts.failed(), counts.suppressed(), now, rate, eta,
                counts.any());
    }

    private static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? (seconds / 60) + " min " + (seconds % 60) + " s"
                : (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
