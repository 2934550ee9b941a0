package org.optline.audience.subscribers;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.fields.Slots;

/**
 * A subscribers row: the fixed columns and the values of its occupied slot columns (a multi field's
 * as a list of texts).
 */
public record SubscriberRow(UUID id, UUID clientId, String email, String emailKey, String name, SubscriberStatus status,
                            Map<String, Object> slots, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static SubscriberRow map(ResultSet rs, int row) throws SQLException {
        return map(rs, Slots.columns());
    }

    /** A row whose query selected the fixed columns and only {@code selected} of the slots. */
    static SubscriberRow map(ResultSet rs, List<String> selected) throws SQLException {
        Map<String, Object> slots = new HashMap<>();
        for (String slot : selected) {
            Object value = slot.startsWith("date_") ? rs.getObject(slot, LocalDate.class)
                    : Slots.isMulti(slot) ? values(rs.getArray(slot)) : rs.getObject(slot);
            if (value != null) {
                slots.put(slot, value);
            }
        }
        return new SubscriberRow(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getString("email"), rs.getString("email_key"), rs.getString("name"),
                SubscriberStatus.fromWire(rs.getString("status")), slots,
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    /** A multi field's array column as its list of values, in stored (sorted) order; null for none. */
    private static List<String> values(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] items = (Object[]) array.getArray();
        array.free();
        return items.length == 0 ? null : Arrays.stream(items).map(String::valueOf).toList();
    }
}
