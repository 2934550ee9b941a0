package org.optline.site.forms;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;

/**
 * A refused form told per field: each field's sentence ("Email is not an email address.") to show
 * under its input, and all of them together for the summary at the top of the form.
 */
public final class FieldErrors {

    private FieldErrors() {}

    /** Field name to its sentence, in the order the fields were checked. */
    public static Map<String, String> of(ValidationException e, Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ValidationException.FieldError f : e.errors()) {
            out.putIfAbsent(f.field(), PageErrors.sentence(ValidationException.of(f.field(), f.message()), labels));
        }
        return out;
    }
}
