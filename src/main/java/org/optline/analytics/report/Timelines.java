package org.optline.analytics.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optline.analytics.CampaignReport;

/**
 * Shapes a campaign's hourly rollup rows for charts: every hour of the first 48 from the start
 * (zeros included, so the axis is even), then one point per UTC day up to the last day with an
 * event or today, whichever is earlier.
 */
public final class Timelines {

    public static final int HOURLY = 48;

    private Timelines() {}

    public static CampaignReport.Timeline of(OffsetDateTime firstSent, List<CampaignReport.Hour> rows, OffsetDateTime now) {
        if (rows.isEmpty() && firstSent == null) {
            return new CampaignReport.Timeline(null, List.of(), List.of());
        }
        OffsetDateTime start = (firstSent != null ? firstSent : rows.get(0).at()).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.HOURS);
        if (!rows.isEmpty() && rows.get(0).at().isBefore(start)) {
            start = rows.get(0).at().withOffsetSameInstant(ZoneOffset.UTC);
        }
        OffsetDateTime hourlyEnd = start.plusHours(HOURLY);
        Map<OffsetDateTime, CampaignReport.Hour> byHour = new LinkedHashMap<>();
        Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
        for (CampaignReport.Hour h : rows) {
            OffsetDateTime at = h.at().withOffsetSameInstant(ZoneOffset.UTC);
            if (at.isBefore(hourlyEnd)) {
                byHour.put(at, h);
            } else {
                long[] d = byDay.computeIfAbsent(at.toLocalDate(), k -> new long[4]);
                d[0] += h.opens();
                d[1] += h.uniqueOpens();
                d[2] += h.clicks();
                d[3] += h.uniqueClicks();
            }
        }
        OffsetDateTime lastHour = now.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        List<CampaignReport.Hour> hourly = new ArrayList<>();
        for (OffsetDateTime at = start; at.isBefore(hourlyEnd) && !at.isAfter(lastHour); at = at.plusHours(1)) {
            CampaignReport.Hour h = byHour.get(at);
            hourly.add(h != null ? new CampaignReport.Hour(at, h.opens(), h.uniqueOpens(), h.clicks(), h.uniqueClicks())
                    : new CampaignReport.Hour(at, 0, 0, 0, 0));
        }
        List<CampaignReport.Day> daily = new ArrayList<>();
        if (!byDay.isEmpty()) {
            LocalDate last = byDay.keySet().stream().max(LocalDate::compareTo).orElseThrow();
            for (LocalDate day = hourlyEnd.toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
                long[] d = byDay.getOrDefault(day, new long[4]);
                daily.add(new CampaignReport.Day(day, d[0], d[1], d[2], d[3]));
            }
        }
        return new CampaignReport.Timeline(start, hourly, daily);
    }
}
