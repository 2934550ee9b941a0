package org.optline.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;

/** Properties of the CSV mapper: separator detection, header matching and the stored column map. */
class CsvLayoutProperties {

    private static final List<CustomField> FIELDS = List.of(
            new CustomField(UUID.randomUUID(), UUID.randomUUID(), "country", "Country", FieldType.TEXT, "text_1", OffsetDateTime.now()),
            new CustomField(UUID.randomUUID(), UUID.randomUUID(), "signup_date", "Signed up on", FieldType.DATE, "date_1", OffsetDateTime.now()));

    @Provide
    Arbitrary<String> plainHeaders() {
        return Arbitraries.strings().withChars("abcdefXYZ _-0123").ofMinLength(1).ofMaxLength(15);
    }

    @Provide
    Arbitrary<Character> separators() {
        return Arbitraries.of(',', ';', '\t');
    }

    @Property
    void theSeparatorOfAHeaderRowIsFound(@ForAll @Size(min = 2, max = 12) List<@net.jqwik.api.From("plainHeaders") String> headers,
                                         @ForAll("separators") char separator) {
        assertThat(CsvLayout.detectSeparator(String.join(String.valueOf(separator), headers))).isEqualTo(separator);
    }

    @Property
    void separatorsInsideQuotesDoNotCount(@ForAll("separators") char separator) {
        String line = "\"a;b;c,d,e\tf\"" + separator + "email";
        assertThat(CsvLayout.detectSeparator(line)).isEqualTo(separator);
    }

    @Property
    void everyTargetIsUsedAtMostOnceAndEveryColumnHasAnEntry(@ForAll @Size(max = 15) List<@net.jqwik.api.From("mixedHeaders") String> headers) {
        List<String> targets = CsvLayout.match(headers, FIELDS);
        assertThat(targets).hasSize(headers.size());
        List<String> used = targets.stream().filter(Objects::nonNull).toList();
        assertThat(used).doesNotHaveDuplicates();
    }

    @Provide
    Arbitrary<String> mixedHeaders() {
        return Arbitraries.oneOf(plainHeaders(), Arbitraries.of("Email", "E-Mail", "EMAIL ADDRESS", "email_address", "Name",
                "Full name", "country", "COUNTRY", "Signed up on", "signup date", "\uFEFFemail"));
    }

    @Property
    void emailHeadersMatchWhateverTheirSpelling(@ForAll("emailSpellings") String header) {
        assertThat(CsvLayout.match(List.of("x", header), FIELDS)).containsExactly(null, CsvLayout.EMAIL);
    }

    @Provide
    Arbitrary<String> emailSpellings() {
        return Arbitraries.of("email", "Email", "E-mail", "e_mail", "Email Address", " EMAIL ", "\uFEFFEmail", "E-Mail-Adresse", "Mail");
    }

    @Property
    void theColumnMapRoundTrips(@ForAll @Size(max = 20) List<@net.jqwik.api.From("targets") String> targets) {
        List<String> copy = new ArrayList<>(targets);
        var layout = new CsvLayout(',', copy.stream().map(t -> "h").toList(), copy);
        assertThat(CsvLayout.decodeTargets(layout.encodeTargets(), copy.size())).isEqualTo(copy);
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of("email", "name", "country", "signup_date").injectNull(0.4);
    }

    @Example
    void fieldsMatchByKeyOrLabel() {
        assertThat(CsvLayout.match(List.of("Signed Up On", "COUNTRY", "e-mail", "Nom"), FIELDS))
                .containsExactly("signup_date", "country", "email", "name");
    }
}
