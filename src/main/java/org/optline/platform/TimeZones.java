package org.optline.platform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The time zones a client may choose: the region ids the JVM knows ({@link ZoneId#getAvailableZoneIds()}),
 * offered in a picker grouped by region ("Europe", "America", …), and the one rule that checks a
 * zone a person or the API sends.
 */
public final class TimeZones {

    /** The zone of a client that chose none. */
    public static final String DEFAULT = "UTC";

    /** The picker's groups: a region and its zones, both sorted; ids without a region come last, under "Other". */
    public record Group(String region, List<String> zones) {}

    /**
     * What a page needs to draw the picker: the groups, the zone to mark chosen, and whether that
     * zone is among the groups (a fixed offset the API stored is not, and is offered on its own).
     */
    public record Picker(String selected, boolean listed, List<Group> groups) {}

    private static final Map<String, String> BY_LOWER_CASE = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));

    private static final List<Group> GROUPS = group();

    private TimeZones() {}

    /** The zones to choose from, grouped by region. */
    public static List<Group> groups() {
        return GROUPS;
    }

    /** The picker with {@code selected} chosen ({@link #DEFAULT} when blank). */
    public static Picker picker(String selected) {
        String zone = selected == null || selected.isBlank() ? DEFAULT : selected.strip();
        boolean listed = zone.equals(BY_LOWER_CASE.get(zone.toLowerCase(Locale.ROOT)));
        return new Picker(zone, listed, GROUPS);
    }

    /**
     * The zone id as the JVM spells it: blank means {@link #DEFAULT}; a known region id matches in
     * any letter case ("europe/berlin"); a fixed offset ("+02:00", "UTC+2") is kept as such,
     * as the API always took them. Anything else is refused, naming {@code field}.
     */
    public static String parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        String value = raw.strip();
        String known = BY_LOWER_CASE.get(value.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw ValidationException.of(field, "must be one of the listed time zones, such as Europe/Berlin or America/New_York");
        }
    }

    private static List<Group> group() {
        Map<String, List<String>> regions = new TreeMap<>();
        List<String> other = new ArrayList<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            int slash = id.indexOf('/');
            if (slash > 0) {
                regions.computeIfAbsent(id.substring(0, slash), r -> new ArrayList<>()).add(id);
            } else if (!id.equals(DEFAULT)) {
                other.add(id);
            }
        }
        List<Group> groups = new ArrayList<>();
        regions.forEach((region, zones) -> groups.add(new Group(region, zones.stream().sorted().toList())));
        if (!other.isEmpty()) {
            groups.add(new Group("Other", other.stream().sorted().toList()));
        }
        return List.copyOf(groups);
    }
}
