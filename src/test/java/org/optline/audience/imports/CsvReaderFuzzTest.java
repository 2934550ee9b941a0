package org.optline.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;
import org.optline.test.Texts;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generative fuzzing of the import's reader path (FastCSV with our settings, then row
 * validation) with text rich in quotes, separators, line breaks, byte-order marks and odd
 * characters. Whatever comes in, the only failures are a CSV parse error for the file, and every
 * row is either accepted or rejected with an issue naming its line; nothing else is thrown.
 */
class CsvReaderFuzzTest {

    private static final CustomField AGE = new CustomField(UUID.randomUUID(), UUID.randomUUID(), "age", "Age",
            FieldType.NUMBER, "number_1", OffsetDateTime.now());
    private static final CustomField TAGS = new CustomField(UUID.randomUUID(), UUID.randomUUID(), "tags", "Tags",
            FieldType.MULTI, "multi_1", OffsetDateTime.now());
    private static final CustomField BORN = new CustomField(UUID.randomUUID(), UUID.randomUUID(), "born", "Born",
            FieldType.DATE, "date_1", OffsetDateTime.now());

    private static Gen<String> csvText() {
        Gen<String> pieces = Generate.oneOf(
                Texts.oneOf("\"", "\"\"", ",", ";", "\t", "\n", "\r\n", "\r", "\uFEFF", "@", "a@b.de", " ", "|", "=1+2",
                        "-5", "2026-02-30", "1e400", "\u0000", "é", "😀", "x".repeat(300)),
                Texts.any(8));
        return Texts.joined(pieces, 0, 60);
    }

    private static Gen<Character> separator() {
        return Generate.pick(List.of(',', ';', '\t'));
    }

    @Test
    void anyInputIsReadOrRejectedWithoutSurprises() {
        qt().withExamples(3000).forAll(csvText(), separator()).checkAssert(CsvReaderFuzzTest::readsOrRejects);
    }

    private static void readsOrRejects(String text, char separator) {
        var context = new ImportBatch.Context(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "sha", "attested",
                "tester", null, Arrays.asList("email", "name", "age", "tags", "born"),
                Map.of("age", AGE, "tags", TAGS, "born", BORN), OffsetDateTime.now());
        List<ImportStore.Issue> issues = new ArrayList<>();
        int rejected = 0;
        try (CsvReader<CsvRecord> reader = CsvFiles.reader(new StringReader(text), separator)) {
            for (CsvRecord record : reader) {
                if (ImportBatch.parse(context, record, issues) == null) {
                    rejected++;
                }
            }
        } catch (CsvParseException | UncheckedIOException expected) {
            return;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(issues).hasSize(rejected);
        assertThat(issues).allSatisfy(i -> {
            assertThat(i.line()).isPositive();
            assertThat(i.message()).isNotBlank();
        });
    }
}
