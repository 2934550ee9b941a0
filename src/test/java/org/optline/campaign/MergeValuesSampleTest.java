package org.optline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;

/** The sample person of previews and tests has a value of the right type in every field. */
class MergeValuesSampleTest {

    private static CustomField field(String label, FieldType type) {
        return new CustomField(UUID.randomUUID(), UUID.randomUUID(), label.toLowerCase(), label, type, "slot", OffsetDateTime.now());
    }

    @Test
    void everyFieldTypeHasASampleValue() {
        assertThat(MergeValues.sample(field("Size", FieldType.TEXT))).isEqualTo("Sample size");
        assertThat(MergeValues.sample(field("Age", FieldType.NUMBER))).isEqualTo("42");
        assertThat(MergeValues.sample(field("Birthday", FieldType.DATE))).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(MergeValues.sample(field("VIP", FieldType.BOOLEAN))).isEqualTo("true");
        assertThat(MergeValues.sample(field("Interests", FieldType.MULTI))).contains(", ");
    }
}
