package org.optline.audience.imports;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The rejected rows of an import as a CSV file to fix and import again: the file's own header row
 * and columns, in its own separator, plus a {@code reason} column saying which line it was and why
 * it was refused (a file whose last column is already {@code reason}, a fixed download imported
 * again, has that column refilled rather than a second one added). The cells are written as they came (they are the client's own file, and a
 * spreadsheet-safe prefix would change them on the way back in); the reason starts with "line",
 * so it is never read as a formula. Rows kept without their cells (longer than
 * {@link ImportStore#MAX_ROW_CHARS}, holding a NUL, or rejected before rows were kept) have empty
 * cells and a reason that says to copy the line from the original file.
 */
public final class RejectedRowsCsv {

    public static final String REASON = "reason";

    private RejectedRowsCsv() {}

    public static void write(List<String> headers, char separator, List<ImportStore.RejectedRow> rows, Writer out) {
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(separator).lineDelimiter(LineDelimiter.CRLF).build(out)) {
            // A file that is itself a download of rejected rows keeps one reason column, refilled.
            int columns = !headers.isEmpty() && headers.get(headers.size() - 1).equalsIgnoreCase(REASON)
                    ? headers.size() - 1 : headers.size();
            List<String> head = new ArrayList<>(headers.subList(0, columns));
            head.add(REASON);
            csv.writeRecord(head);
            for (ImportStore.RejectedRow row : rows) {
                List<String> cells = new ArrayList<>(columns + 1);
                for (int i = 0; i < columns; i++) {
                    cells.add(i < row.cells().size() ? row.cells().get(i) : "");
                }
                String reason = "line " + row.line() + ": " + row.message();
                cells.add(row.cells().isEmpty() ? reason + " (the row was not kept: copy it from line " + row.line()
                        + " of the original file)" : reason);
                csv.writeRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
