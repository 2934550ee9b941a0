package org.optline.audience.fields;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.optline.audience.CustomField;
import org.optline.audience.FieldType;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for custom field definitions. */
@Repository
public class FieldStore {

    private final JdbcClient jdbc;
    private final NamedSql sql;

    public FieldStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sql = NamedSql.forClass(FieldStore.class);
    }

    public void insert(CustomField field) {
        jdbc.sql(sql.get("insert")).param("id", field.id()).param("clientId", field.clientId())
                .param("key", field.key()).param("label", field.label()).param("type", field.type().wireName())
                .param("slot", field.slot()).param("at", field.createdAt()).param("editable", field.subscriberEditable())
                .update();
    }

    public List<CustomField> list(UUID clientId) {
        return jdbc.sql(sql.get("list")).param("clientId", clientId).query((rs, n) -> new CustomField(
                rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class), rs.getString("field_key"),
                rs.getString("label"), FieldType.fromWire(rs.getString("field_type")), Slots.checked(rs.getString("slot")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getBoolean("subscriber_editable"))).list();
    }

    /** Changes a field's label and whether subscribers may edit it; false when the client has no such field. */
    public boolean update(UUID clientId, UUID id, String label, boolean subscriberEditable) {
        return jdbc.sql(sql.get("update")).param("clientId", clientId).param("id", id).param("label", label)
                .param("editable", subscriberEditable).update() == 1;
    }

    public boolean keyTaken(UUID clientId, String key) {
        return jdbc.sql(sql.get("key-taken")).param("clientId", clientId).param("key", key).query(Long.class).single() > 0;
    }
}
