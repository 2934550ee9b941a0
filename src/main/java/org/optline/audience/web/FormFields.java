package org.optline.audience.web;

import java.util.HashMap;
import java.util.Map;
import org.optline.audience.fields.FieldValues;
import org.springframework.util.MultiValueMap;

/** Custom field values posted by a form as {@code field.<key>} parameters. */
final class FormFields {

    private static final String PREFIX = "field.";

    private FormFields() {}

    /**
     * Key → value; several values of one key (checkboxes, a multi-select) are joined with the
     * multi-value separator, {@link FieldValues#MULTI_SEPARATOR}. Fields posted empty are kept as "" (which clears them) when {@code keepEmpty}, else left out.
     */
    static Map<String, String> values(MultiValueMap<String, String> form, boolean keepEmpty) {
        Map<String, String> values = new HashMap<>();
        form.forEach((key, v) -> {
            if (key.startsWith(PREFIX) && (keepEmpty || !v.isEmpty())) {
                values.put(key.substring(PREFIX.length()), String.join(FieldValues.MULTI_SEPARATOR, v));
            }
        });
        return values;
    }
}
