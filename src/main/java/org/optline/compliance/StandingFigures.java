package org.optline.compliance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One client's standing: its rates over the last {@value ClientStandings#WINDOW_DAYS} days (UTC
 * days, today included), the rates of its recent campaigns, and how quickly its unsubscribes took
 * effect. Everything in it is the client's own; nothing names another client.
 *
 * @param status    the client's status ({@code active}, {@code paused} …) as the platform holds it
 * @param since     the first day of the window
 * @param window    the client's rates over the window, with its level and the reasons for it
 * @param campaigns the client's most recently active campaigns, newest first, with their own rates
 */
public record StandingFigures(UUID clientId, String status, LocalDate since, Rates window, List<CampaignStanding> campaigns,
                              UnsubscribeLatency unsubscribeLatency) {

    /** One campaign's rates over all its messages so far; a campaign's level acts once it sent its minimum. */
    public record CampaignStanding(UUID campaignId, String name, Rates rates) {}
}
