package org.optline.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;
import org.optline.audience.MailingList;
import org.optline.audience.OptInMode;
import org.optline.segment.language.Expr;
import org.optline.segment.language.Operator;
import org.optline.segment.language.Parser;
import org.optline.segment.language.Printer;
import org.optline.segment.CompiledSegment;
import org.optline.segment.sql.SegmentCompiler;
import org.optline.test.Texts;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Random expressions round-trip through print and parse; random values never leave their parameters. */
class SegmentLanguageProperties {

    private static final UUID CLIENT = UUID.randomUUID();
    private static final List<CustomField> FIELDS = List.of(
            field("country", FieldType.TEXT, "text_1"), field("age", FieldType.NUMBER, "number_1"),
            field("born", FieldType.DATE, "date_1"), field("vip", FieldType.BOOLEAN, "bool_1"),
            field("interests", FieldType.MULTI, "multi_1"));
    private static final List<MailingList> LISTS = List.of(new MailingList(UUID.randomUUID(), CLIENT, "Customers", null,
            OptInMode.SINGLE, OffsetDateTime.now(), OffsetDateTime.now()));

    private static CustomField field(String key, FieldType type, String slot) {
        return new CustomField(UUID.randomUUID(), CLIENT, key, key, type, slot, OffsetDateTime.now());
    }

    private static Gen<String> nasty() {
        return Generate.oneOf(Texts.any(30),
                Texts.oneOf("'; drop table subscribers; --", "\" or 1=1 --", "\\", "\\\"", "%_%", "' or ''='",
                        "$$ select 1 $$", "a\"b\\c", "robert'); delete from lists;--"));
    }

    private static Gen<Expr> expressions() {
        return expr(3);
    }

    private static Gen<Expr> expr(int depth) {
        Gen<Expr> leaf = Generate.oneOf(
                nasty().map(v -> compare("country", Operator.EQ, text(v))),
                nasty().map(v -> compare("name", Operator.CONTAINS, text(v))),
                nasty().map(v -> compare("email", Operator.STARTS_WITH, text(v))),
                lists().of(nasty()).ofSizeBetween(1, 4).map(vs -> new Expr.Compare("interests", 1, Operator.HAS_ANY,
                        vs.stream().map(SegmentLanguageProperties::text).toList())),
                integers().between(-1000, 1000).map(n -> compare("age", Operator.GE, new Expr.Value(Expr.Value.Kind.NUMBER, n.toString(), 1))),
                integers().between(0, 500).map(n -> compare("born", Operator.LT,
                        new Expr.Value(Expr.Value.Kind.RELATIVE_DATE, n + " days ago", 1))),
                Generate.booleans().map(b -> compare("vip", Operator.EQ, new Expr.Value(Expr.Value.Kind.BOOLEAN, b.toString(), 1))),
                Generate.constant(new Expr.InList("Customers", 1, null)),
                integers().between(0, 500).map(n -> compare("opened", Operator.WITHIN,
                        new Expr.Value(Expr.Value.Kind.RELATIVE_DATE, n + " days ago", 1))),
                nasty().map(v -> compare("clicked", Operator.CAMPAIGN, text(v))),
                Generate.constant(new Expr.Compare("opened", 1, Operator.NEVER, List.of())));
        if (depth == 0) {
            return leaf;
        }
        Gen<Expr> deeper = expr(depth - 1);
        return Generate.oneOf(leaf,
                deeper.zip(deeper, Expr.And::new),
                deeper.zip(deeper, Expr.Or::new),
                deeper.map(Expr.Not::new));
    }

    private static Expr.Compare compare(String field, Operator op, Expr.Value value) {
        return new Expr.Compare(field, 1, op, List.of(value));
    }

    private static Expr.Value text(String v) {
        return new Expr.Value(Expr.Value.Kind.TEXT, v, 1);
    }

    @Test
    void printingThenParsingGivesTheSameExpression() {
        qt().withExamples(500).forAll(expressions()).checkAssert(expr -> {
            String printed = Printer.print(expr);
            assertThat(Printer.print(Parser.parse(printed))).isEqualTo(printed);
        });
    }

    @Test
    void valuesNeverBreakOutOfTheirParameters() {
        qt().withExamples(500).forAll(nasty()).checkAssert(value -> {
            String source = "country = " + quote(value) + " or name contains " + quote(value) + " or interests has " + quote(value);
            String benign = "country = \"x\" or name contains \"x\" or interests has \"x\"";
            for (boolean postgres : new boolean[] {true, false}) {
                CompiledSegment compiled = compile(source, postgres);
                // The SQL text is exactly what a harmless value gives: values only ever reach the parameters.
                assertThat(compiled.where()).isEqualTo(compile(benign, postgres).where())
                        .startsWith("s.client_id = :segment_clientId and ");
                assertThat(compiled.params()).containsValue(value).containsEntry("segment_clientId", CLIENT);
            }
        });
    }

    private static CompiledSegment compile(String source, boolean postgres) {
        return new SegmentCompiler(CLIENT, FIELDS, LISTS, List.of(), LocalDate.now(), postgres).compile(Parser.parse(source));
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
