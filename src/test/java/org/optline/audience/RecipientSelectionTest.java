package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecipientSelectionTest {

    private static final UUID CLIENT = UUID.randomUUID();
    private static final RecipientSelection LISTS = RecipientSelection.of(CLIENT, List.of(UUID.randomUUID()));
    private static final RecipientSelection.Condition SEGMENT = new RecipientSelection.Condition(
            "s.client_id = :segment_clientId and s.name = :segment_p1", "segment_",
            Map.of("segment_clientId", CLIENT, "segment_p1", "Ann"));

    @Test
    void theSelectionFollowsTheConsumersSelectAndIsPinnedToTheClient() {
        String sql = code(LISTS.sql("select count(*)"));
        assertThat(sql).startsWith("select count(*)\nfrom subscribers s\nwhere s.client_id = :recipients_clientId")
                .contains("any(:recipients_lists)").doesNotContain("segment_");
        assertThat(LISTS.params()).containsOnlyKeys("recipients_clientId", "recipients_lists")
                .containsEntry("recipients_clientId", CLIENT);
    }

    @Test
    void aConditionNarrowsTheSelectionLastWithItsOwnParameters() {
        RecipientSelection narrowed = LISTS.narrowedBy(SEGMENT);
        assertThat(code(narrowed.sql("select s.id"))).endsWith("\n  and (" + SEGMENT.sql() + ")");
        assertThat(code(narrowed.sqlInIdOrder("select s.id"))).endsWith(SEGMENT.sql() + ")\norder by s.id");
        assertThat(narrowed.params(Map.of("queueNow", 1))).containsOnlyKeys("recipients_clientId", "recipients_lists",
                "segment_clientId", "segment_p1", "queueNow");
    }

    @Test
    void aStatementParameterNamedLikeOneOfTheSelectionsIsAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> LISTS.params(Map.of("recipients_lists", List.of())))
                .withMessageContaining("recipients_lists");
        assertThatIllegalArgumentException().isThrownBy(() -> LISTS.narrowedBy(SEGMENT).params(Map.of("segment_p1", "Bob")))
                .withMessageContaining("segment_p1");
    }

    @Test
    void aConditionMustNameEveryParameterWithItsOwnPrefix() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RecipientSelection.Condition("s.name = :p1", "segment_",
                Map.of("p1", "Ann"))).withMessageContaining("'p1'");
        assertThatIllegalArgumentException().isThrownBy(() -> new RecipientSelection.Condition("s.name = :recipients_x",
                "recipients_", Map.of("recipients_x", "Ann")));
        assertThatIllegalArgumentException().isThrownBy(() -> new RecipientSelection.Condition("true", "", Map.of()));
    }

    /** The statement without its comment lines. */
    private static String code(String sql) {
        return sql.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
    }
}
