package org.optline.audience.fields;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.optline.audience.CustomField;
import org.optline.platform.TextFields;

/**
 * Validates and converts custom field values, from JSON (numbers, booleans, arrays) or from text
 * (CSV cells, form fields), into what the slot columns store. A blank value means "no value".
 */
public final class FieldValues {

    private static final BigDecimal MAX_NUMBER = new BigDecimal("1e18");

    /**
     * The one separator of a multi-valued field's values wherever they are written as text: CSV
     * import cells, exports, form fields and API strings ({@code "shoes;hats"}). A value cannot
     * contain it, so every value written out reads back the same.
     */
    public static final String MULTI_SEPARATOR = ";";

    private FieldValues() {}

    /** A converted value, or why the input is not one. */
    public record Result(Object value, String error) {
        static Result ok(Object value) {
            return new Result(value, null);
        }

        static Result error(String message) {
            return new Result(null, message);
        }
    }

    /**
     * Converts {@code raw} for {@code field}: a String for text, BigDecimal for number, LocalDate
     * for date, Boolean for boolean, a List of Strings for multi; null for no value.
     */
    public static Result convert(CustomField field, Object raw) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return Result.ok(null);
        }
        return switch (field.type()) {
            case TEXT -> text(raw);
            case NUMBER -> number(raw);
            case DATE -> date(raw);
            case BOOLEAN -> bool(raw);
            case MULTI -> multi(raw);
        };
    }

    private static Result text(Object raw) {
        if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
            return Result.error("must be text");
        }
        String value = raw.toString().strip();
        return value.length() > 500 ? Result.error(TextFields.tooLong(500)) : Result.ok(value);
    }

    private static Result number(Object raw) {
        try {
            BigDecimal value = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString().strip());
            if (value.abs().compareTo(MAX_NUMBER) >= 0) {
                return Result.error("is too large");
            }
            if (value.stripTrailingZeros().scale() > 6) {
                return Result.error("has more than 6 decimal places");
            }
            return Result.ok(value);
        } catch (NumberFormatException e) {
            return Result.error("must be a number like 42 or 3.5");
        }
    }

    private static Result date(Object raw) {
        try {
            LocalDate date = LocalDate.parse(raw.toString().strip());
            // Year 0, negative years and years past 9999 parse, but neither database takes them as written.
            if (date.getYear() < 1 || date.getYear() > 9999) {
                return Result.error("must be a date between 0001-01-01 and 9999-12-31");
            }
            return Result.ok(date);
        } catch (DateTimeParseException e) {
            return Result.error("must be a date like 2026-01-31");
        }
    }

    private static Result bool(Object raw) {
        if (raw instanceof Boolean b) {
            return Result.ok(b);
        }
        return switch (raw.toString().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Result.ok(Boolean.TRUE);
            case "false", "no", "n", "0" -> Result.ok(Boolean.FALSE);
            default -> Result.error("must be true or false");
        };
    }

    private static Result multi(Object raw) {
        Collection<?> items = raw instanceof Collection<?> c ? c : List.of(raw.toString().split(MULTI_SEPARATOR));
        // Sorted and distinct, as the array column keeps them: a read gives them in the same order
        // however they were written, and equal value sets are equal arrays.
        Set<String> tags = new TreeSet<>();
        for (Object item : items) {
            if (item == null) {
                continue;
            }
            if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
                return Result.error("must be a list of texts");
            }
            String tag = item.toString().strip();
            if (tag.contains(MULTI_SEPARATOR)) {
                return Result.error("has a value containing " + MULTI_SEPARATOR + ", which separates values");
            }
            if (tag.length() > 200) {
                return Result.error("has a value longer than 200 characters");
            }
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        if (tags.size() > 100) {
            return Result.error("has more than 100 values");
        }
        return Result.ok(tags.isEmpty() ? null : new ArrayList<>(tags));
    }

    /** The slot column values among converted field values (a multi field's: its list of values). */
    public static Map<String, Object> slots(Map<CustomField, Object> values) {
        Map<String, Object> slots = new HashMap<>();
        values.forEach((field, value) -> slots.put(field.slot(), value));
        return slots;
    }

    /** A multi-valued field's values as one text, joined with {@link #MULTI_SEPARATOR}. */
    public static String joined(Collection<?> values) {
        return String.join(MULTI_SEPARATOR, values.stream().map(String::valueOf).toList());
    }

    /** The canonical text of a stored value, as the API shows it. */
    public static Object display(Object stored) {
        if (stored instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (stored instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (stored == null || stored instanceof List<?>) {
            return stored;
        }
        return stored.toString();
    }
}
