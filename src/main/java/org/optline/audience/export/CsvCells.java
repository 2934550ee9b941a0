package org.optline.audience.export;

import org.optline.platform.SpreadsheetCells;

/** Spreadsheet-safe CSV cells for the audience exports: the platform's rule ({@link SpreadsheetCells}). */
public final class CsvCells {

    private CsvCells() {}

    public static String safe(String value) {
        return SpreadsheetCells.safe(value);
    }
}
