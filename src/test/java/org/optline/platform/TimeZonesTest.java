package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The time zones offered and accepted: every zone the JVM knows, grouped by region, checked with a sentence. */
class TimeZonesTest {

    @Test
    void groupsHoldEveryAvailableZoneOnceSortedByRegion() {
        var listed = TimeZones.groups().stream().flatMap(g -> g.zones().stream()).toList();
        assertThat(listed).doesNotHaveDuplicates().contains("Europe/Berlin", "America/New_York", "Pacific/Auckland");
        assertThat(listed.size() + 1).isEqualTo(ZoneId.getAvailableZoneIds().size());
        var regions = TimeZones.groups().stream().map(TimeZones.Group::region).toList();
        assertThat(regions.subList(0, regions.size() - 1)).isSorted();
        assertThat(regions).contains("Europe", "America").endsWith("Other");
        assertThat(TimeZones.groups()).filteredOn(g -> g.region().equals("Europe")).singleElement()
                .satisfies(g -> assertThat(g.zones()).isSorted().allMatch(z -> z.startsWith("Europe/")));
    }

    @Test
    void parseSpellsAZoneAsTheJvmDoesAndTellsWhatIsWrong() {
        assertThat(TimeZones.parse("timeZone", " europe/BERLIN ")).isEqualTo("Europe/Berlin");
        assertThat(TimeZones.parse("timeZone", "")).isEqualTo("UTC");
        assertThat(TimeZones.parse("timeZone", "+02:00")).isEqualTo("+02:00");
        assertThatThrownBy(() -> TimeZones.parse("timeZone", "Europe/Atlantis")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(PageErrors.sentence((ValidationException) e))
                        .isEqualTo("Time zone must be one of the listed time zones, such as Europe/Berlin or America/New_York."));
    }

    @Test
    void thePickerOffersAStoredZoneThatIsNotListedOnItsOwn() {
        assertThat(TimeZones.picker("Europe/Berlin").listed()).isTrue();
        assertThat(TimeZones.picker(null).selected()).isEqualTo("UTC");
        assertThat(TimeZones.picker("UTC").listed()).isTrue();
        assertThat(TimeZones.picker("+02:00").listed()).isFalse();
    }
}
