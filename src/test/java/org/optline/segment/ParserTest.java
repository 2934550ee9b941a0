package org.optline.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Parser;
import org.optline.segment.language.Printer;
import org.optline.segment.language.SegmentSyntaxException;

/** The segment language's parser: precedence, every operator, and errors that point at the column. */
class ParserTest {

    private static String canonical(String source) {
        return Printer.print(Parser.parse(source));
    }

    @Test
    void theIssueExampleParses() {
        assertThat(canonical("country in [\"US\", \"CA\"] and interests has \"shoes\" and signup_date > 90 days ago "
                + "and not in list \"Customers\""))
                .isEqualTo("(((country in [\"US\", \"CA\"] and interests has \"shoes\") and signup_date > 90 days ago) "
                        + "and not in list \"Customers\")");
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(canonical("a = 1 or b = 2 and not c = 3")).isEqualTo("(a = 1 or (b = 2 and not c = 3))");
        assertThat(canonical("(a = 1 or b = 2) and c = 3")).isEqualTo("((a = 1 or b = 2) and c = 3)");
    }

    @Test
    void everyOperatorHasAForm() {
        assertThat(canonical("name contains \"ann\"")).isEqualTo("name contains \"ann\"");
        assertThat(canonical("email starts with \"a\"")).isEqualTo("email starts with \"a\"");
        assertThat(canonical("age between 18 and 30")).isEqualTo("age between 18 and 30");
        assertThat(canonical("city is set and zip is not set")).isEqualTo("(city is set and zip is not set)");
        assertThat(canonical("vip is true")).isEqualTo("vip = true");
        assertThat(canonical("tags has any [\"a\", \"b\"] or tags has all [\"c\"]")).isEqualTo("(tags has any [\"a\", \"b\"] or tags has all [\"c\"])");
        assertThat(canonical("country not in [\"US\"]")).isEqualTo("not country in [\"US\"]");
        assertThat(canonical("subscribed >= today")).isEqualTo("subscribed >= today");
        assertThat(canonical("in list \"VIP\" with status unconfirmed")).isEqualTo("in list \"VIP\" with status unconfirmed");
        assertThat(canonical("name = \"say \\\"hi\\\" \\\\ bye\"")).isEqualTo("name = \"say \\\"hi\\\" \\\\ bye\"");
        assertThat(Parser.parse("AGE >= -3.5")).isInstanceOf(Expr.Compare.class);
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertError("country = ", 11, "expected a value");
        assertError("country US", 9, "expected an operator after 'country'");
        assertError("country = US", 11, "put text in double quotes");
        assertError("(a = 1", 7, "')' to close the '(' at column 1");
        assertError("a = 1 b = 2", 7, "expected 'and', 'or' or the end");
        assertError("name = \"open", 8, "no closing \"");
        assertError("age between 1 or 2", 15, "expected 'and'");
        assertError("", 1, "empty");
        assertError("tags has any \"a\"", 14, "expected '['");
        assertError("x = 1 & y = 2", 7, "unexpected character '&'");
        assertError("signup > 3 parsecs ago", 12, "expected 'and', 'or' or the end");
    }

    @Test
    void absurdNestingIsRefusedNotOverflowing() {
        assertThatThrownBy(() -> Parser.parse("not ".repeat(5000) + "a = 1")).isInstanceOf(SegmentSyntaxException.class);
        assertThatThrownBy(() -> Parser.parse("(".repeat(5000) + "a = 1" + ")".repeat(5000))).isInstanceOf(SegmentSyntaxException.class);
    }

    @Test
    void engagementConditionsHaveTheirOwnForms() {
        assertThat(canonical("opened within 30 days and clicked within 1 Week")).isEqualTo("(opened within 30 days and clicked within 1 week)");
        assertThat(canonical("never opened or not never clicked")).isEqualTo("(never opened or not never clicked)");
        assertThat(canonical("clicked campaign \"Spring sale\" and received campaign \"A \\\"B\\\"\"")).isEqualTo(
                "(clicked campaign \"Spring sale\" and received campaign \"A \\\"B\\\"\")");
        // "never" is only the engagement form before a word: as a field it still compares.
        assertThat(canonical("never = 1")).isEqualTo("never = 1");
        assertError("opened within 2.5 days", 15, "whole number");
        assertError("opened within 30 fortnights", 18, "expected days, weeks, months or years");
    }

    private static void assertError(String source, int column, String message) {
        assertThatThrownBy(() -> Parser.parse(source))
                .isInstanceOf(SegmentSyntaxException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SegmentSyntaxException) e).column()).as(source).isEqualTo(column));
    }
}
