package org.optline.platform;

/**
 * Spreadsheet-safe CSV cells (STANDARDS 1.58), for every module's CSV exports: a cell that starts
 * with {@code = + - @}, their fullwidth forms {@code ＝ ＋ － ＠} (which some spreadsheet programs
 * read as the ASCII ones), a no-break space (skipped like a blank before a formula), a tab or a
 * carriage return is prefixed with {@code '} so spreadsheet programs show it as text instead of
 * running it as a formula. Quoting per RFC 4180 is the CSV writer's job.
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {}

    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return switch (first) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20', '\u00A0' -> "'" + value;
            default -> value;
        };
    }
}
