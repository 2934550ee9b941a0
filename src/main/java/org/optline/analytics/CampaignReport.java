package org.optline.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A campaign's figures, as the report API answers them. Opens and clicks count people's hits
 * only; hits by mailbox proxies and security scanners are in {@code machineOpens} and
 * {@code machineClicks}. {@code clickToOpen} is unique clicks over unique opens (0 without opens).
 * {@code delivered} is what receiving servers accepted, bounces reported later included; those
 * bounces are in {@code bounced}. {@code complaints} counts people who complained, once each.
 */
public record CampaignReport(UUID campaignId, String name, String status, long sent, long delivered, long deferred,
                             long failed, Bounces bounced, long opens, long uniqueOpens, long clicks, long uniqueClicks,
                             double clickToOpen, long unsubscribes, long complaints, long machineOpens, long machineClicks,
                             List<LinkFigures> links, Timeline timeline, List<ProviderFigures> providers) {

    /**
     * People whose message bounced: {@code hard} refused for good at send time or reported dead by a
     * DSN later, {@code soft} with a transient failure reported by DSN and no hard bounce.
     */
    public record Bounces(long hard, long soft) {}

    /** One link of the content, by its index among the content's tracked links. */
    public record LinkFigures(int index, String url, long clicks, long uniqueClicks, long machineClicks) {}

    /** Opens and clicks over time: hourly for the first 48 hours from the first send, then daily. */
    public record Timeline(OffsetDateTime start, List<Hour> hourly, List<Day> daily) {}

    public record Hour(OffsetDateTime at, long opens, long uniqueOpens, long clicks, long uniqueClicks) {}

    public record Day(LocalDate day, long opens, long uniqueOpens, long clicks, long uniqueClicks) {}

    /** Figures per recipient mailbox-provider group (google, microsoft, yahoo, other). */
    public record ProviderFigures(String group, long opens, long uniqueOpens, long clicks, long uniqueClicks,
                                  long machineOpens, long machineClicks) {}
}
