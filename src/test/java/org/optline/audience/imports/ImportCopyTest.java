package org.optline.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;

/** The COPY text the PostgreSQL import path streams into its staging table. */
class ImportCopyTest {

    private static final CustomField AGE = new CustomField(UUID.randomUUID(), UUID.randomUUID(), "age", "Age",
            FieldType.NUMBER, "number_2", OffsetDateTime.now());
    private static final CustomField TAGS = new CustomField(UUID.randomUUID(), UUID.randomUUID(), "tags", "Tags",
            FieldType.MULTI, "multi_3", OffsetDateTime.now());
    private static final ImportBatch.Context CONTEXT = new ImportBatch.Context(UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), "sha", "attested", "tester", null, Arrays.asList("email", "name", null, "age", "tags"),
            Map.of("age", AGE, "tags", TAGS), null);

    @Test
    void valuesAreEscapedForCopysTextFormatAndNullIsBackslashN() {
        StringBuilder line = new StringBuilder("0");
        ImportCopy.field(line, "a\tb\\c\nd\re \\N ü");
        ImportCopy.field(line, null);
        ImportCopy.field(line, "");
        ImportCopy.field(line, "Zoë Müller");
        ImportCopy.field(line, "trailing\\");
        assertThat(line).hasToString("0\ta\\tb\\\\c\\nd\\re \\\\N ü\t\\N\t\tZoë Müller\ttrailing\\\\");
    }

    @Test
    void aChunkIsEncodedInLineOrderWithAscendingIdsItsArraysAndItsFlags() throws Exception {
        String csv = "email,name,ignored,age,tags\n"
                + "ann@shoehaus.de,Ann,x,30.5,shoes;hats\n"
                + "postmaster@shoehaus.de,,x,,\n"
                + "bad,B,x,1,\n"
                + "ANN@shoehaus.de,,x,,\"\"\n"
                + "cid@shoehaus.de,C\tid,x,,\n";
        ImportBatch.Parsed parsed = new ImportBatch.Parsed();
        try (CsvReader<CsvRecord> reader = CsvFiles.reader(new StringReader(csv), ',')) {
            var records = reader.iterator();
            records.next();
            records.forEachRemaining(r -> parsed.add(CONTEXT, r));
        }
        List<String> slots = ImportCopy.slotColumns(CONTEXT);
        assertThat(slots).containsExactly("number_2", "multi_3");
        ImportCopy.Chunk chunk = ImportCopy.encode(slots, 5, parsed);

        assertThat(chunk.records()).isEqualTo(5);
        assertThat(chunk.rejected()).isEqualTo(1);
        assertThat(chunk.duplicates()).isEqualTo(1);
        assertThat(chunk.issues()).singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(4));
        assertThat(chunk.flags()).singleElement().satisfies(f -> {
            assertThat(f.emailKey()).isEqualTo("postmaster@shoehaus.de");
            assertThat(f.issue().line()).isEqualTo(3);
            assertThat(f.issue().kind()).isEqualTo("flag");
        });

        List<String[]> rows = lines(chunk.rows()).stream().map(l -> l.split("\t", -1)).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows).extracting(r -> r[0]).containsExactly("0", "1", "2");
        // The repeated address keeps its first place, with the later line and its non-empty cells.
        assertThat(Arrays.copyOfRange(rows.get(0), 2, 5)).containsExactly("5", "ANN@shoehaus.de", "ann@shoehaus.de");
        assertThat(rows.get(0)[6]).isEqualTo("Ann");
        assertThat(rows.get(0)[7]).startsWith("30.5");
        assertThat(rows.get(1)[6]).isEqualTo("\\N");
        assertThat(rows.get(1)[7]).isEqualTo("\\N");
        assertThat(rows.get(2)[6]).isEqualTo("C\\tid");
        // Only ann's values, sorted, from her first row: the later row's empty cell names none.
        assertThat(rows.get(0)[8]).isEqualTo("{\"hats\",\"shoes\"}");
        assertThat(rows.get(1)[8]).isEqualTo("\\N");
        List<UUID> ids = rows.stream().map(r -> UUID.fromString(r[1])).toList();
        assertThat(ids).allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
        assertThat(ids.get(0).toString()).isLessThan(ids.get(1).toString());
        assertThat(ids.get(1).toString()).isLessThan(ids.get(2).toString());
    }

    @Test
    void anArrayLiteralQuotesEachValueAndEscapesQuotesAndBackslashesBeforeCopysOwnEscaping() {
        assertThat(ImportCopy.arrayLiteral(List.of("a b", "say \"hi\"", "back\\slash", "{x,y}")))
                .isEqualTo("{\"a b\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"{x,y}\"}");
        StringBuilder line = new StringBuilder();
        ImportCopy.field(line, ImportCopy.arrayLiteral(List.of("back\\slash")));
        assertThat(line).hasToString("\t{\"back\\\\\\\\slash\"}");
    }

    @Test
    void copyTextLongerThanABlockReadsBackWhole() throws Exception {
        ImportCopy.CopyText text = new ImportCopy.CopyText();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String line = i + "\t" + "é".repeat(i % 90);
            text.line(line);
            expected.append(line).append('\n');
        }
        assertThat(text.size()).isGreaterThan(1 << 18);
        assertThat(new String(text.toByteArray(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    private static List<String> lines(ImportCopy.CopyText text) throws Exception {
        String all = new String(text.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat((long) text.toByteArray().length).isEqualTo(text.size());
        assertThat(all).endsWith("\n");
        return List.of(all.substring(0, all.length() - 1).split("\n", -1));
    }
}
