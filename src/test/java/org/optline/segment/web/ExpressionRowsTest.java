package org.optline.segment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;
import org.optline.audience.MailingList;
import org.optline.audience.OptInMode;
import org.optline.segment.ConditionProvider;
import org.optline.segment.language.Operator;
import org.optline.segment.language.Parser;
import org.optline.segment.language.Printer;

/** Reading an expression back into builder rows: what the builder can show it shows exactly, the rest it leaves alone. */
class ExpressionRowsTest {

    private static final UUID CLIENT = UUID.randomUUID();

    private static CustomField field(String key, FieldType type, String slot) {
        return new CustomField(UUID.randomUUID(), CLIENT, key, key, type, slot, OffsetDateTime.now());
    }

    private static final BuilderVocabulary VOCABULARY = new BuilderVocabulary(
            List.of(field("country", FieldType.TEXT, "text_1"), field("interests", FieldType.MULTI, "tags:1"),
                    field("age", FieldType.NUMBER, "number_1"), field("vip", FieldType.BOOLEAN, "bool_1"),
                    field("born", FieldType.DATE, "date_1")),
            List.of(new MailingList(UUID.randomUUID(), CLIENT, "Customers", null, OptInMode.SINGLE, OffsetDateTime.now(),
                    OffsetDateTime.now())),
            List.of(new ConditionProvider.BuilderField("opened", "Opened", List.of(Operator.WITHIN, Operator.CAMPAIGN, Operator.NEVER),
                            List.of("Spring sale")),
                    new ConditionProvider.BuilderField("received", "Received", List.of(Operator.CAMPAIGN, Operator.NEVER),
                            List.of("Spring sale"))));

    @Test
    void aFlatAndOfTwoConditionsBecomesTwoRowsThatWriteItBack() {
        RuleBuilder builder = ExpressionRows.read("country = \"US\" and interests has \"shoes\"", VOCABULARY).orElseThrow();
        assertThat(builder.groups()).singleElement().satisfies(g -> {
            assertThat(g.join()).isEqualTo("and");
            assertThat(g.conditions()).containsExactly(new RuleBuilder.Condition("country", "=", "US"),
                    new RuleBuilder.Condition("interests", "has", "shoes"));
        });
        assertThat(builder.expression(VOCABULARY)).isEqualTo("country = \"US\" and interests has \"shoes\"");
    }

    @Test
    void groupsOfTheOtherWordBecomeGroups() {
        RuleBuilder builder = ExpressionRows.read("(country = \"FR\" and age < 25) or in list \"Customers\"", VOCABULARY).orElseThrow();
        assertThat(builder.join()).isEqualTo("or");
        assertThat(builder.groups()).extracting(RuleBuilder.Group::join).containsExactly("and", "or");
        assertThat(builder.groups().get(1).conditions()).containsExactly(new RuleBuilder.Condition("@list", "in list", "Customers"));
        assertThat(builder.expression(VOCABULARY)).isEqualTo("(country = \"FR\" and age < 25) or in list \"Customers\"");
    }

    @Test
    void engagementConditionsBecomeRows() {
        RuleBuilder builder = ExpressionRows.read("opened within 30 days and not opened campaign \"Spring sale\" and "
                + "received campaign \"Spring sale\" or never opened", VOCABULARY).orElseThrow();
        assertThat(builder.groups()).flatExtracting(RuleBuilder.Group::conditions).containsExactly(
                new RuleBuilder.Condition("opened", "within", "30 days"),
                new RuleBuilder.Condition("opened", "not campaign", "Spring sale"),
                new RuleBuilder.Condition("received", "campaign", "Spring sale"),
                new RuleBuilder.Condition("opened", "never", ""));
    }

    /** Each of these the builder shows, and what it writes parses to the same conditions. */
    @ParameterizedTest
    @ValueSource(strings = {
            "country in [\"US\", \"CA\"]",
            "country not in [\"US\"] or country is not set",
            "age between 18 and 30 and vip = true",
            "born > 30 days ago and subscribed >= \"2026-01-01\"",
            "interests has any [\"a\", \"b\"] and interests has all [\"c\"]",
            "not in list \"Customers\" and email contains \"x\"",
            "status in [\"active\", \"bounced\"]",
            "country = \"say \\\"hi\\\"\"",
            "(country = \"US\" or country = \"CA\") and (age > 20 or vip = true)",
            "country = \"US\" and age > 1 and (vip = true or age < 5) and interests has \"x\""})
    void whatTheBuilderShowsItWritesBackWithTheSameMeaning(String text) {
        RuleBuilder builder = ExpressionRows.read(text, VOCABULARY).orElseThrow();
        String written = builder.expression(VOCABULARY);
        assertThat(ExpressionRows.read(written, VOCABULARY)).isPresent();
        assertThat(Printer.print(Parser.parse(written)).replaceAll("[()]", ""))
                .isEqualTo(Printer.print(Parser.parse(text)).replaceAll("[()]", ""));
    }

    /** These it cannot show: the page then keeps the text and says so. */
    @ParameterizedTest
    @ValueSource(strings = {
            "not (country = \"US\" or interests has \"shoes\")",
            "country = \"US\" and (age > 1 or (vip = true and age < 3))",
            "in list \"Customers\" with status confirmed",
            "country in [\"a, b\", \"c\"]",
            "unknown_field = \"x\"",
            "Country = \"US\"",
            "age = \"5\"",
            "country = 5",
            "not country = \"US\"",
            "country =",
            "vip is set and not vip = true"})
    void whatTheBuilderCannotShowItLeavesAlone(String text) {
        assertThat(ExpressionRows.read(text, VOCABULARY)).isEmpty();
    }

    @Test
    void aBlankExpressionIsAnEmptyBuilder() {
        assertThat(ExpressionRows.read("  ", VOCABULARY).orElseThrow().expression(VOCABULARY)).isEmpty();
    }
}
