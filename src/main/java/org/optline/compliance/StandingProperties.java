package org.optline.compliance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client standing settings (docs/compliance.md, "Client standing"). Rates are shares (0.001 is
 * 0.1 %) of the messages sent in the last {@value ClientStandings#WINDOW_DAYS} days, or of a
 * campaign's messages so far.
 *
 * @param complaintWarn         complaint rate that flags a client or campaign (Gmail's and Yahoo's line: 0.1 %)
 * @param complaintPause        complaint rate that pauses (the providers' hard line: 0.3 %)
 * @param hardBounceWarn        hard-bounce rate that flags (2 %)
 * @param hardBouncePause       hard-bounce rate that pauses (5 %)
 * @param minimumSent           messages a client must have sent in the window before its rates act:
 *                              under it one or two complaints are noise, not a signal (1,000)
 * @param campaignMinimumSent   messages a campaign must have sent before its own rates stop it (1,000)
 * @param monitorInterval       how often every node looks at every client with recent figures
 */
@ConfigurationProperties("optline.standing")
public record StandingProperties(@DefaultValue("0.001") double complaintWarn,
                                 @DefaultValue("0.003") double complaintPause,
                                 @DefaultValue("0.02") double hardBounceWarn,
                                 @DefaultValue("0.05") double hardBouncePause,
                                 @DefaultValue("1000") long minimumSent,
                                 @DefaultValue("1000") long campaignMinimumSent,
                                 @DefaultValue("5m") Duration monitorInterval) {

    public StandingProperties {
        if (complaintWarn <= 0 || complaintPause < complaintWarn || hardBounceWarn <= 0 || hardBouncePause < hardBounceWarn) {
            throw new IllegalArgumentException("optline.standing: each warn rate must be above 0 and at most its pause rate");
        }
        if (minimumSent < 1 || campaignMinimumSent < 1) {
            throw new IllegalArgumentException("optline.standing: the minimum volumes must be at least 1");
        }
        if (monitorInterval.isNegative() || monitorInterval.isZero()) {
            throw new IllegalArgumentException("optline.standing.monitor-interval must be positive");
        }
    }
}
