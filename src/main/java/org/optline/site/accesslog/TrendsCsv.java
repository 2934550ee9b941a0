package org.optline.site.accesslog;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.optline.platform.SpreadsheetCells;
import org.optline.site.accesslog.AccessLogStore.Day;

/** The trends' daily rows as CSV (RFC 4180, CRLF), every cell spreadsheet-safe (STANDARDS 1.58). */
final class TrendsCsv {

    static final List<String> COLUMNS = List.of("day", "requests", "networks", "bytes", "status_2xx", "status_3xx", "status_4xx",
            "status_5xx", "top_page", "top_browser");

    private TrendsCsv() {}

    static String of(List<SiteTrends.DailyRow> rows) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
            csv.writeRecord(COLUMNS);
            for (SiteTrends.DailyRow row : rows) {
                Day d = row.day();
                csv.writeRecord(Stream.of(d.day().toString(), Long.toString(d.requests()), Long.toString(d.networks()),
                        Long.toString(d.bytes()), Long.toString(d.status2xx()), Long.toString(d.status3xx()),
                        Long.toString(d.status4xx()), Long.toString(d.status5xx()), row.topPage(), row.topBrowser())
                        .map(SpreadsheetCells::safe).toList());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
