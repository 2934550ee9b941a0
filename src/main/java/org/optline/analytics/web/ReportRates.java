package org.optline.analytics.web;

import java.util.Locale;
import org.optline.analytics.CampaignReport;

/**
 * A report's rates as the page prints them: unique opens and clicks over delivered messages,
 * click-to-open, bounces (hard and soft) over messages sent, complaints over delivered messages.
 */
record ReportRates(String openRate, String clickRate, String clickToOpen, String bounceRate, String complaintRate) {

    static ReportRates of(CampaignReport r) {
        return new ReportRates(percent(r.uniqueOpens(), r.delivered()), percent(r.uniqueClicks(), r.delivered()),
                percent(r.uniqueClicks(), r.uniqueOpens()), percent(r.bounced().hard() + r.bounced().soft(), r.sent()),
                percent(r.complaints(), r.delivered(), 2));
    }

    static String percent(long part, long whole) {
        return percent(part, whole, 1);
    }

    /** Complaint rates are read in hundredths of a percent (mailbox providers act at 0.1 % and 0.3 %). */
    static String percent(long part, long whole, int places) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%." + places + "f %%", 100.0 * part / whole);
    }
}
