package org.optline.compliance.termination;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.optline.platform.SpreadsheetCells;

/**
 * Rows as the export writes them: values made plain (times as ISO-8601 text, binary as base64,
 * arrays as lists, numbers and booleans as themselves) and CSV lines as RFC 4180 says, with cells
 * that a spreadsheet would run as formulas made inert (STANDARDS 58).
 */
final class TableRows {

    private TableRows() {}

    /** The current row's values, in column order. */
    static List<Object> values(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Object> values = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            values.add(value(rs, i, meta.getColumnType(i), meta.getColumnTypeName(i).toLowerCase(Locale.ROOT)));
        }
        return values;
    }

    private static Object value(ResultSet rs, int i, int type, String typeName) throws SQLException {
        if (typeName.contains("timestamptz") || typeName.contains("with time zone") || type == Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime at = rs.getObject(i, OffsetDateTime.class);
            return at == null ? null : at.toString();
        }
        Object raw = switch (type) {
            case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case Types.DATE -> rs.getObject(i, LocalDate.class);
            default -> rs.getObject(i);
        };
        if (raw == null) {
            return null;
        }
        if (raw instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (raw instanceof Blob blob) {
            return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
        }
        if (raw instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (raw instanceof Array array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) {
                items.add(item == null ? null : item instanceof Number || item instanceof Boolean ? item : item.toString());
            }
            return items;
        }
        if (raw instanceof Boolean || raw instanceof Long || raw instanceof Integer || raw instanceof Short
                || raw instanceof BigDecimal || raw instanceof Double || raw instanceof Float) {
            return raw;
        }
        return raw.toString();
    }

    /** One CSV line (CRLF-terminated, as RFC 4180 has it). */
    static void csvLine(Writer out, List<?> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(values.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list
                ? String.join(";", list.stream().map(v -> v == null ? "" : v.toString()).toList())
                : value.toString();
        // Numbers keep their sign: a negative count is not a formula.
        String safe = value instanceof Number ? text : SpreadsheetCells.safe(text);
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
