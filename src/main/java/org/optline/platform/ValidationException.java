package org.optline.platform;

import java.util.List;

/** Input that breaks a rule; carries one message per offending field so forms and API can show them. */
public class ValidationException extends RuntimeException {

    /** One field and what is wrong with it. */
    public record FieldError(String field, String message) {}

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "Invalid input" : errors.get(0).field() + " " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
