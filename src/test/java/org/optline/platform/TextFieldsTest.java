package org.optline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextFieldsTest {

    @Test
    void requiredTextIsStrippedAndRefusedWhenBlankOrTooLong() {
        assertThat(TextFields.required("name", "  Weekly  ", 6)).isEqualTo("Weekly");
        assertRefused(() -> TextFields.required("name", null, 6), "name", "is required");
        assertRefused(() -> TextFields.required("name", " \t ", 6), "name", "is required");
        assertRefused(() -> TextFields.required("name", "Weekly!", 6), "name", "must be at most 6 characters");
    }

    @Test
    void optionalTextIsNullWhenBlankAndMeasuredOnceStripped() {
        assertThat(TextFields.optional("name", null, 3)).isNull();
        assertThat(TextFields.optional("name", "   ", 3)).isNull();
        assertThat(TextFields.optional("name", " Ann ", 3)).isEqualTo("Ann");
        assertRefused(() -> TextFields.optional("label", "Anna", 3), "label", "must be at most 3 characters");
    }

    @Test
    void atMostKeepsTheValueAsItIs() {
        assertThat(TextFields.atMost("html", null, 3)).isNull();
        assertThat(TextFields.atMost("html", " a ", 3)).isEqualTo(" a ");
        assertRefused(() -> TextFields.atMost("html", "abcd", 3), "html", "must be at most 3 characters");
    }

    private static void assertRefused(Runnable check, String field, String message) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsExactly(new ValidationException.FieldError(field, message)));
    }
}
