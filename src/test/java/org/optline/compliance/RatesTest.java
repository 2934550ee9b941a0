package org.optline.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The thresholds as shipped (STANDARDS 13: warn at 0.1 %, pause before 0.3 % is reached; hard bounces 2 % and 5 %). */
class RatesTest {

    static final StandingProperties DEFAULTS = new StandingProperties(0.001, 0.003, 0.02, 0.05, 1000, 1000, Duration.ofMinutes(5));

    private static Rates client(long sent, long complaints, long hardBounces) {
        return Rates.of(sent, complaints, hardBounces, 0, 0, DEFAULTS, DEFAULTS.minimumSent());
    }

    @Test
    void oneComplaintInAThousandWarnsAndThreePause() {
        assertThat(client(1000, 0, 0).level()).isEqualTo(StandingLevel.OK);
        assertThat(client(1000, 1, 0).level()).isEqualTo(StandingLevel.WARN);
        assertThat(client(1000, 2, 0).level()).isEqualTo(StandingLevel.WARN);
        assertThat(client(1000, 3, 0).level()).isEqualTo(StandingLevel.PAUSE);
        assertThat(client(1000, 3, 0).reasons()).containsExactly("Complaint rate 0.3 % is at or above the pause line of 0.3 %.");
    }

    @Test
    void hardBouncesWarnAtTwoAndPauseAtFivePercent() {
        assertThat(client(1000, 0, 19).level()).isEqualTo(StandingLevel.OK);
        assertThat(client(1000, 0, 20).level()).isEqualTo(StandingLevel.WARN);
        assertThat(client(1000, 0, 50).level()).isEqualTo(StandingLevel.PAUSE);
    }

    @Test
    void theWorseOfTheTwoRatesDecides() {
        Rates r = client(2000, 2, 100);
        assertThat(r.level()).isEqualTo(StandingLevel.PAUSE);
        assertThat(r.reasons()).hasSize(2);
    }

    @Test
    void underTheMinimumVolumeRatesAreShownButDoNotAct() {
        Rates r = client(999, 500, 400);
        assertThat(r.level()).isEqualTo(StandingLevel.QUIET);
        assertThat(r.complaintRate()).isEqualTo(500 / 999.0, offset(0.000001));
        assertThat(r.reasons()).singleElement().asString().contains("Fewer than 1000 messages");
    }

    @Test
    void nothingSentHasNoRates() {
        Rates r = client(0, 0, 0);
        assertThat(r.complaintRate()).isNull();
        assertThat(r.hardBounceRate()).isNull();
        assertThat(r.summary()).isEqualTo("0 sent; 0 complaints; 0 hard bounces; 0 unknown users; 0 unsubscribes");
    }

    @Test
    void settingsRefuseAWarnLineAboveItsPauseLine() {
        assertThatThrownBy(
                () -> new StandingProperties(0.004, 0.003, 0.02, 0.05, 1000, 1000, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
