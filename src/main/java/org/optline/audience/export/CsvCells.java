package org.optline.audience.export;

/**
 * Spreadsheet-safe CSV cells (STANDARDS 1.58): a cell that starts with {@code = + - @}, a tab or
 * a carriage return is prefixed with {@code '} so spreadsheet programs show it as text instead of
 * running it as a formula. Quoting per RFC 4180 is FastCSV's job.
 */
public final class CsvCells {

    private CsvCells() {}

    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
