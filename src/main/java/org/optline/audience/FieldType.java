package org.optline.audience;

import java.util.Locale;
import org.optline.platform.ValidationException;

/** The type of a custom field, which decides how its values are validated, stored and compared. */
public enum FieldType {
    TEXT("text", 10), NUMBER("number", 5), DATE("date", 5), BOOLEAN("bool", 5), MULTI("multi", 5);

    private final String slotPrefix;
    private final int maxFields;

    FieldType(String slotPrefix, int maxFields) {
        this.slotPrefix = slotPrefix;
        this.maxFields = maxFields;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The subscribers column prefix (text_, number_, multi_ …). */
    public String slotPrefix() {
        return slotPrefix;
    }

    /** How many fields of this type a client may have (the number of slot columns). */
    public int maxFields() {
        return maxFields;
    }

    public static FieldType fromWire(String value) {
        for (FieldType t : values()) {
            if (t.wireName().equals(value)) {
                return t;
            }
        }
        throw ValidationException.of("type", "must be one of text, number, date, boolean, multi");
    }
}
