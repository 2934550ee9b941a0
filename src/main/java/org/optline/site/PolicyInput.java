package org.optline.site;

import java.util.ArrayList;
import java.util.List;
import org.optline.platform.TextFields;
import org.optline.platform.ValidationException;

/**
 * A version as an operator asked for it, checked: the text required, within its length and free of
 * control characters (line breaks and tabs aside), line endings made {@code \n}; {@code material}
 * stated either way, since it decides who is mailed; the summary one line, required for a material
 * change (its mail says what changes in those words), else optional. Every problem is reported at once.
 */
record PolicyInput(String text, boolean material, String summary) {

    static PolicyInput check(String rawText, Boolean material, String rawSummary) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        String text = rawText == null ? "" : rawText.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.isEmpty()) {
            errors.add(new ValidationException.FieldError("text", "is required"));
        } else if (text.length() > PrivacyPolicies.TEXT_MAX) {
            errors.add(new ValidationException.FieldError("text", TextFields.tooLong(PrivacyPolicies.TEXT_MAX)));
        } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            errors.add(new ValidationException.FieldError("text", "must not contain control characters"));
        }
        if (material == null) {
            errors.add(new ValidationException.FieldError("material", "is required: true when the change is material, else false"));
        }
        String summary = rawSummary == null ? "" : rawSummary.strip();
        if (summary.length() > PrivacyPolicies.SUMMARY_MAX) {
            errors.add(new ValidationException.FieldError("summary", TextFields.tooLong(PrivacyPolicies.SUMMARY_MAX)));
        } else if (summary.chars().anyMatch(Character::isISOControl)) {
            errors.add(new ValidationException.FieldError("summary", "must be one line of plain text"));
        } else if (summary.isEmpty() && Boolean.TRUE.equals(material)) {
            // A material change is mailed to everyone, and the mail says what changes in these words.
            errors.add(new ValidationException.FieldError("summary", "is required for a material change: the mail says what changes with it"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new PolicyInput(text, material, summary.isEmpty() ? null : summary);
    }
}
