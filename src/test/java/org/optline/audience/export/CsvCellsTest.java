package org.optline.audience.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cells a spreadsheet program would run as a formula get a leading apostrophe; others stay as they are. */
class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx",
            "\uFF1DHYPERLINK(\"http://evil\")", "\uFF0B1", "\uFF0D1", "\uFF20SUM(1)", "\u00A0=1+1"})
    void aCellThatMayStartAFormulaIsPrefixed(String cell) {
        assertThat(CsvCells.safe(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann", "ann@example.com", "1-2", "a=b", " x", "\u00E9t\u00E9", "\uFF21"})
    void anOrdinaryCellStaysAsItIs(String cell) {
        assertThat(CsvCells.safe(cell)).isEqualTo(cell);
    }
}
