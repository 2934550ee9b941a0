package org.optline.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;
import org.optline.test.Texts;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the CSV mapper: separator detection, header matching and the stored column map. */
class CsvLayoutProperties {

    private static final List<CustomField> FIELDS = List.of(
            new CustomField(UUID.randomUUID(), UUID.randomUUID(), "country", "Country", FieldType.TEXT, "text_1", OffsetDateTime.now()),
            new CustomField(UUID.randomUUID(), UUID.randomUUID(), "signup_date", "Signed up on", FieldType.DATE, "date_1", OffsetDateTime.now()));

    private static Gen<String> plainHeaders() {
        return Texts.ofChars("abcdefXYZ _-0123", 1, 15);
    }

    private static Gen<Character> separators() {
        return Generate.pick(List.of(',', ';', '\t'));
    }

    @Test
    void theSeparatorOfAHeaderRowIsFound() {
        qt().withExamples(1000).forAll(lists().of(plainHeaders()).ofSizeBetween(2, 12), separators()).checkAssert((headers, separator) ->
                assertThat(CsvLayout.detectSeparator(String.join(String.valueOf(separator), headers))).isEqualTo(separator));
    }

    /** Three separators: each is checked, none left to chance. */
    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t'})
    void separatorsInsideQuotesDoNotCount(char separator) {
        String line = "\"a;b;c,d,e\tf\"" + separator + "email";
        assertThat(CsvLayout.detectSeparator(line)).isEqualTo(separator);
    }

    @Test
    void everyTargetIsUsedAtMostOnceAndEveryColumnHasAnEntry() {
        qt().withExamples(1000).forAll(lists().of(mixedHeaders()).ofSizeBetween(0, 15)).checkAssert(headers -> {
            List<String> targets = CsvLayout.match(headers, FIELDS);
            assertThat(targets).hasSize(headers.size());
            List<String> used = targets.stream().filter(Objects::nonNull).toList();
            assertThat(used).doesNotHaveDuplicates();
        });
    }

    private static Gen<String> mixedHeaders() {
        return Generate.oneOf(plainHeaders(), Texts.oneOf("Email", "E-Mail", "EMAIL ADDRESS", "email_address", "Name",
                "Full name", "country", "COUNTRY", "Signed up on", "signup date", "\uFEFFemail"));
    }

    /** Nine spellings: each is checked, none left to chance. */
    @ParameterizedTest
    @ValueSource(strings = {"email", "Email", "E-mail", "e_mail", "Email Address", " EMAIL ", "\uFEFFEmail", "E-Mail-Adresse", "Mail"})
    void emailHeadersMatchWhateverTheirSpelling(String header) {
        assertThat(CsvLayout.match(List.of("x", header), FIELDS)).containsExactly(null, CsvLayout.EMAIL);
    }

    @Test
    void theColumnMapRoundTrips() {
        qt().withExamples(1000).forAll(lists().of(targets()).ofSizeBetween(0, 20)).checkAssert(targets -> {
            List<String> copy = new ArrayList<>(targets);
            var layout = new CsvLayout(',', copy.stream().map(t -> "h").toList(), copy);
            assertThat(CsvLayout.decodeTargets(layout.encodeTargets(), copy.size())).isEqualTo(copy);
        });
    }

    /** A stored target, or no target (a column left out) four times in ten. */
    private static Gen<String> targets() {
        return Generate.frequency(Pair.of(6, Texts.oneOf("email", "name", "country", "signup_date")),
                Pair.of(4, Generate.constant((String) null)));
    }

    @Test
    void fieldsMatchByKeyOrLabel() {
        assertThat(CsvLayout.match(List.of("Signed Up On", "COUNTRY", "e-mail", "Nom"), FIELDS))
                .containsExactly("signup_date", "country", "email", "name");
    }
}
