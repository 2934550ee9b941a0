package org.optline.analytics.web;

import java.util.Locale;
import org.optline.analytics.CampaignReport;

/** A report's rates as the page prints them: unique opens and clicks over delivered messages, click-to-open. */
record ReportRates(String openRate, String clickRate, String clickToOpen) {

    static ReportRates of(CampaignReport r) {
        return new ReportRates(percent(r.uniqueOpens(), r.delivered()), percent(r.uniqueClicks(), r.delivered()),
                percent(r.uniqueClicks(), r.uniqueOpens()));
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
