package org.optline.audience.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;
import org.optline.audience.fields.FieldValues;
import org.optline.platform.PageErrors;

/**
 * The inputs a subscriber form shows for the client's custom fields, one per field, typed: a date
 * picker, yes/no, a number, a multi-select of the values the field already has (plus a box for new
 * ones), text otherwise. Filled from stored values or from what was just posted, so a form that
 * comes back with an error keeps everything typed.
 */
record FieldInputs(List<Input> inputs) {

    /**
     * One field's input. {@code kind} is date, boolean, number, multi or text; {@code value} the
     * text shown (for multi, the values not offered as options, joined); {@code selected} and
     * {@code options} the multi-select's chosen values and choices.
     */
    record Input(String key, String label, String kind, String name, String value, Set<String> selected, List<String> options) {

        /** Whether {@code option} is chosen (multi). */
        public boolean isSelected(String option) {
            return selected.contains(option);
        }
    }

    /**
     * @param text field key → its value as text (a multi field's values joined with the separator)
     * @param known multi field key → the values it already has among the client's subscribers
     */
    static FieldInputs of(List<CustomField> fields, Map<String, String> text, Map<String, List<String>> known) {
        List<Input> inputs = new ArrayList<>();
        for (CustomField f : fields) {
            String value = text.getOrDefault(f.key(), "");
            String name = "field." + f.key();
            if (f.type() == FieldType.MULTI) {
                Set<String> selected = new LinkedHashSet<>();
                Arrays.stream(value.split(FieldValues.MULTI_SEPARATOR)).map(String::strip).filter(v -> !v.isEmpty())
                        .forEach(selected::add);
                Set<String> options = new LinkedHashSet<>(known.getOrDefault(f.key(), List.of()));
                options.addAll(selected);
                inputs.add(new Input(f.key(), f.label(), "multi", name, "", selected, List.copyOf(options)));
            } else {
                inputs.add(new Input(f.key(), f.label(), kind(f.type()), name, value, Set.of(), List.of()));
            }
        }
        return new FieldInputs(inputs);
    }

    /** A subscriber's stored values as text: multi values joined with the separator. */
    static Map<String, String> text(Map<String, Object> stored) {
        Map<String, String> text = new HashMap<>();
        stored.forEach((key, value) -> text.put(key, value instanceof List<?> list ? FieldValues.joined(list) : String.valueOf(value)));
        return text;
    }

    /** Words for the fields a refusal can name: custom fields by their labels, lists as "Lists". */
    static Map<String, String> labels(List<CustomField> fields) {
        Map<String, String> labels = new HashMap<>(PageErrors.customFieldLabels(fields.stream()
                .collect(Collectors.toMap(CustomField::key, CustomField::label))));
        labels.put("lists", "Lists");
        return labels;
    }

    private static String kind(FieldType type) {
        return switch (type) {
            case DATE -> "date";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            default -> "text";
        };
    }
}
