package org.optline.site.accesslog;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optline.platform.Actor;
import org.optline.platform.ForbiddenException;
import org.optline.platform.TenantScope;
import org.optline.platform.ValidationException;
import org.optline.site.accesslog.AccessLogStore.Count;
import org.optline.site.accesslog.AccessLogStore.Day;
import org.optline.site.accesslog.AccessLogStore.DayCount;
import org.springframework.stereotype.Service;

/**
 * The operator's trends of the site's access log over a range of UTC days: requests and distinct
 * networks per day, bytes, the status mix, the most requested pages, browser families and
 * referring hosts. Everything is counted by the database.
 */
@Service
class SiteTrends {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    static final int TOP = 10;

    /** A range of days, both ends included. */
    record Range(LocalDate from, LocalDate to) {

        long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }
    }

    /** The figures of a range; {@code days} holds every day of it, empty ones too. */
    record Trends(Range range, long requests, long networks, long bytes, List<Day> days, List<Count> statuses,
                  List<Count> pages, List<Count> browsers, List<Count> referrers) {}

    /** One line of the daily export: the day's figures, its most requested page and most seen browser family. */
    record DailyRow(Day day, String topPage, String topBrowser) {}

    private final AccessLogStore store;
    private final TenantScope scope;
    private final Clock clock;

    SiteTrends(AccessLogStore store, TenantScope scope, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.clock = clock;
    }

    /** The last {@value #DEFAULT_DAYS} days, today (UTC) included. */
    Range defaultRange() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return new Range(today.minusDays(DEFAULT_DAYS - 1), today);
    }

    /** The range from the page's fields (yyyy-mm-dd); a blank one takes the default's end. */
    Range range(String from, String to) {
        Range fallback = defaultRange();
        LocalDate end = date("to", to, fallback.to());
        LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end)) {
            throw ValidationException.of("from", "must not be after the end date");
        }
        Range range = new Range(start, end);
        if (range.days() > MAX_DAYS) {
            throw ValidationException.of("from", "must be at most " + MAX_DAYS + " days before the end date");
        }
        return range;
    }

    private static LocalDate date(String field, String raw, LocalDate fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ValidationException.of(field, "must be a date like 2026-01-31");
        }
    }

    Trends of(Actor actor, Range range) {
        requireOperator(actor);
        return scope.asPlatform(() -> {
            List<Day> days = everyDay(range, store.days(range.from(), range.to()));
            long requests = days.stream().mapToLong(Day::requests).sum();
            long bytes = days.stream().mapToLong(Day::bytes).sum();
            List<Count> statuses = List.of(
                    new Count("2xx", days.stream().mapToLong(Day::status2xx).sum()),
                    new Count("3xx", days.stream().mapToLong(Day::status3xx).sum()),
                    new Count("4xx", days.stream().mapToLong(Day::status4xx).sum()),
                    new Count("5xx", days.stream().mapToLong(Day::status5xx).sum()));
            return new Trends(range, requests, store.networks(range.from(), range.to()), bytes, days, statuses,
                    store.pages(range.from(), range.to(), TOP), store.browsers(range.from(), range.to(), TOP),
                    store.referrers(range.from(), range.to(), TOP));
        });
    }

    /** Every day of the range with its figures and leaders, for the CSV export. */
    List<DailyRow> daily(Actor actor, Range range) {
        requireOperator(actor);
        return scope.asPlatform(() -> {
            Map<LocalDate, String> pages = leaders(store.pageDays(range.from(), range.to()));
            Map<LocalDate, String> browsers = leaders(store.browserDays(range.from(), range.to()));
            return everyDay(range, store.days(range.from(), range.to())).stream()
                    .map(d -> new DailyRow(d, pages.get(d.day()), browsers.get(d.day()))).toList();
        });
    }

    private static List<Day> everyDay(Range range, List<Day> found) {
        Map<LocalDate, Day> byDay = new HashMap<>();
        found.forEach(d -> byDay.put(d.day(), d));
        List<Day> days = new ArrayList<>();
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            days.add(byDay.getOrDefault(d, Day.empty(d)));
        }
        return days;
    }

    /** Each day's label with the most requests (ties: the first in alphabetical order). */
    private static Map<LocalDate, String> leaders(List<DayCount> counts) {
        Map<LocalDate, DayCount> best = new HashMap<>();
        Comparator<DayCount> order = Comparator.comparingLong(DayCount::requests)
                .thenComparing(DayCount::label, Comparator.reverseOrder());
        for (DayCount c : counts) {
            best.merge(c.day(), c, (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        Map<LocalDate, String> labels = new HashMap<>();
        best.forEach((day, c) -> labels.put(day, c.label()));
        return labels;
    }

    private static void requireOperator(Actor actor) {
        if (!actor.isOperator()) {
            throw new ForbiddenException("Only operators see the site's trends.");
        }
    }
}
