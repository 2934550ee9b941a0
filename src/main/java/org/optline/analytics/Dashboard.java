package org.optline.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a client sees on arrival: the audience and its growth, the last campaigns with their rates,
 * and the last {@value #DAYS} days' rates (null when nothing was sent): unsubscribes and complaints
 * over the messages delivered in those days, hard bounces (at send time and by DSN) over the
 * messages handed over.
 */
public record Dashboard(long audienceSize, long joined, long unsubscribed, long sent, Double unsubscribeRate,
                        Double bounceRate, Double complaintRate, List<Day> days, List<CampaignLine> campaigns) {

    public static final int DAYS = 30;

    /**
     * One UTC day: people who joined, messages delivered, unsubscribes, hard bounces (refused at send
     * time or reported by DSN), soft bounces and complaints received.
     */
    public record Day(LocalDate day, long joined, long sent, long unsubscribes, long hardBounces, long softBounces,
                      long complaints) {}

    /** One recent campaign: unique opens and clicks over delivered messages (null before any were delivered). */
    public record CampaignLine(UUID id, String name, String status, long delivered, long uniqueOpens, long uniqueClicks,
                               Double openRate, Double clickRate) {}
}
