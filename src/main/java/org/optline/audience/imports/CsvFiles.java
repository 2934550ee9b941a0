package org.optline.audience.imports;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Opens uploaded CSV files with FastCSV: RFC 4180 quoting, embedded newlines, CRLF or LF, a
 * leading UTF-8 byte-order mark, short or long rows tolerated (missing cells are empty), and
 * malformed UTF-8 or an unclosed quote reported as an error instead of read as garbage.
 */
public final class CsvFiles {

    private CsvFiles() {}

    public static CsvReader<CsvRecord> open(Path file, char separator) throws IOException {
        return reader(new InputStreamReader(new BufferedInputStream(Files.newInputStream(file), 256 * 1024),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), separator);
    }

    public static CsvReader<CsvRecord> reader(Reader source, char separator) {
        return CsvReader.builder()
                .fieldSeparator(separator)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowUnclosedQuote(false)
                .allowExtraCharsAfterClosingQuote(false)
                .ofCsvRecord(source);
    }

    /** One row's cells as a single CSV record (comma, RFC 4180 quoting, no line end), to keep in the database. */
    public static String encodeRow(List<String> cells) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(',').quoteCharacter('"')
                .quoteStrategy(QuoteStrategies.EMPTY).lineDelimiter(LineDelimiter.LF).build(out)) {
            csv.writeRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String row = out.toString();
        return row.substring(0, row.length() - 1);
    }

    /** The cells {@link #encodeRow} wrote. */
    public static List<String> decodeRow(String row) {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(',').quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE).ofCsvRecord(row)) {
            Iterator<CsvRecord> it = reader.iterator();
            return it.hasNext() ? it.next().getFields() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Strips a byte-order mark that survived into the first header cell. */
    public static String cleanHeader(String header) {
        return header.startsWith("\uFEFF") ? header.substring(1).strip() : header.strip();
    }
}
