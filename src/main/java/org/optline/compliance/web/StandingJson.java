package org.optline.compliance.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.util.List;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.Rates;
import org.optline.compliance.StandingFigures;
import org.optline.compliance.StandingProperties;
import org.optline.compliance.UnsubscribeLatency;

/**
 * A client's standing as the API shows it ({@code GET /api/v1/standing}, and {@code standing} in
 * the operator's {@code GET /api/v1/clients/{id}}): rates are shares (0.003 is 0.3 %), null when
 * nothing was sent.
 */
public record StandingJson(String status, LocalDate since, int windowDays, @JsonUnwrapped RatesJson rates, Thresholds thresholds,
                    List<CampaignJson> campaigns, UnsubscribeLatency unsubscribeLatency) {

    public record RatesJson(String level, List<String> reasons, long sent, long complaints, long hardBounces, long unknownUsers,
                     long unsubscribes, Double complaintRate, Double hardBounceRate, Double unknownUserRate,
                     Double unsubscribeRate) {

        static RatesJson of(Rates r) {
            return new RatesJson(r.level().wireName(), r.reasons(), r.sent(), r.complaints(), r.hardBounces(), r.unknownUsers(),
                    r.unsubscribes(), r.complaintRate(), r.hardBounceRate(), r.unknownUserRate(), r.unsubscribeRate());
        }
    }

    /** One campaign's rates; campaigns have no per-campaign unsubscribe count (see docs/compliance.md). */
    public record CampaignJson(String id, String name, String level, List<String> reasons, long sent, long complaints,
                        long hardBounces, long unknownUsers, Double complaintRate, Double hardBounceRate,
                        Double unknownUserRate) {}

    public record Thresholds(double complaintWarn, double complaintPause, double hardBounceWarn, double hardBouncePause,
                      long minimumSent, long campaignMinimumSent) {}

    public static StandingJson of(StandingFigures f, StandingProperties t) {
        return new StandingJson(f.status(), f.since(), ClientStandings.WINDOW_DAYS, RatesJson.of(f.window()),
                new Thresholds(t.complaintWarn(), t.complaintPause(), t.hardBounceWarn(), t.hardBouncePause(), t.minimumSent(),
                        t.campaignMinimumSent()),
                f.campaigns().stream().map(c -> {
                    Rates r = c.rates();
                    return new CampaignJson(c.campaignId().toString(), c.name(), r.level().wireName(), r.reasons(), r.sent(),
                            r.complaints(), r.hardBounces(), r.unknownUsers(), r.complaintRate(), r.hardBounceRate(),
                            r.unknownUserRate());
                }).toList(),
                f.unsubscribeLatency());
    }
}
