package org.optline.audience.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * V45 on a database left by V44, where a multi field's values were rows of subscriber_tags: each
 * client's multi fields get multi_1, multi_2 … in the order they were created, every subscriber's
 * values land in the field's column sorted (by code point) and distinct, subscribers without values keep null, and
 * subscriber_tags is gone. A client with six multi fields stops the migration at the slot check.
 */
abstract class MultiFieldsUpgradeContract {

    static final UUID SHOP = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();
    static final UUID INTERESTS = UUID.randomUUID();
    static final UUID SIZES = UUID.randomUUID();
    static final UUID OTHERS_TAGS = UUID.randomUUID();
    static final UUID ANN = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID DEE = UUID.randomUUID();
    static final UUID OTTO = UUID.randomUUID();

    /** A fresh, empty database: url, user and password. */
    abstract String[] database();

    abstract String vendor();

    /** Statements to run first in a transaction that writes across clients (row-level security). */
    abstract List<String> platformScope();

    @Test
    void existingValuesMoveIntoTheFieldsColumnsSortedAndDistinct() throws SQLException {
        String[] db = database();
        migrate(db, lastBeforeV45(db));
        write(db, s -> {
            client(s, SHOP);
            client(s, OTHER);
            // sizes is older than interests: it gets multi_1. The text field keeps text_1.
            field(s, SIZES, SHOP, "sizes", "multi", "tags", 3);
            field(s, INTERESTS, SHOP, "interests", "multi", "tags", 2);
            field(s, UUID.randomUUID(), SHOP, "country", "text", "text_1", 1);
            field(s, OTHERS_TAGS, OTHER, "interests", "multi", "tags", 1);
            for (UUID id : List.of(ANN, BOB, DEE)) {
                subscriber(s, id, SHOP);
            }
            subscriber(s, OTTO, OTHER);
            tag(s, SHOP, INTERESTS, ANN, "shoes");
            tag(s, SHOP, INTERESTS, ANN, "books");
            tag(s, SHOP, INTERESTS, ANN, "hats");
            tag(s, SHOP, INTERESTS, ANN, "Boots");
            tag(s, SHOP, SIZES, ANN, "M");
            tag(s, SHOP, INTERESTS, BOB, "garden");
            tag(s, OTHER, OTHERS_TAGS, OTTO, "secret");
        });
        migrate(db, null);
        Map<String, String> slots = new LinkedHashMap<>();
        Map<String, List<List<String>>> values = new LinkedHashMap<>();
        read(db, s -> {
            try (ResultSet rs = s.executeQuery("select client_id, field_key, slot from custom_fields order by client_id, field_key")) {
                while (rs.next()) {
                    slots.put((SHOP.equals(rs.getObject(1)) ? "shop " : "other ") + rs.getString(2), rs.getString(3));
                }
            }
            for (UUID id : List.of(ANN, BOB, DEE, OTTO)) {
                try (ResultSet rs = s.executeQuery("select multi_1, multi_2, multi_3, multi_4, multi_5 from subscribers where id = '" + id + "'")) {
                    rs.next();
                    List<List<String>> row = new ArrayList<>();
                    for (int i = 1; i <= 5; i++) {
                        row.add(strings(rs.getArray(i)));
                    }
                    values.put(id.equals(ANN) ? "ann" : id.equals(BOB) ? "bob" : id.equals(DEE) ? "dee" : "otto", row);
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where lower(table_name) = 'subscriber_tags'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("subscriber_tags dropped").isZero();
            }
        });
        assertThat(slots).containsOnly(Map.entry("shop country", "text_1"), Map.entry("shop interests", "multi_2"),
                Map.entry("shop sizes", "multi_1"), Map.entry("other interests", "multi_1"));
        // By code point, as FieldValues sorts new values: capitals first, whatever the collation.
        assertThat(values.get("ann")).containsExactly(List.of("M"), List.of("Boots", "books", "hats", "shoes"), null, null, null);
        assertThat(values.get("bob")).containsExactly(null, List.of("garden"), null, null, null);
        assertThat(values.get("dee")).containsExactly(null, null, null, null, null);
        assertThat(values.get("otto")).containsExactly(List.of("secret"), null, null, null, null);
    }

    @Test
    void aClientWithSixMultiFieldsStopsTheMigration() throws SQLException {
        String[] db = database();
        migrate(db, lastBeforeV45(db));
        write(db, s -> {
            client(s, SHOP);
            for (int i = 1; i <= 6; i++) {
                field(s, UUID.randomUUID(), SHOP, "multi" + i, "multi", "tags", 10 - i);
            }
        });
        assertThatThrownBy(() -> migrate(db, null)).isInstanceOf(FlywayException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("custom_fields_multi_slot_check"));
    }

    interface Work {
        void run(Statement s) throws SQLException;
    }

    private void write(String[] db, Work work) throws SQLException {
        try (Connection c = DriverManager.getConnection(db[0], db[1], db[2]); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : platformScope()) {
                s.execute(sql);
            }
            work.run(s);
            c.commit();
        }
    }

    private void read(String[] db, Work work) throws SQLException {
        write(db, work);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static void client(Statement s, UUID id) throws SQLException {
        s.execute("insert into clients (id, name, postal_address, status, time_zone, created_at, updated_at) values ('"
                + id + "', 'C', '1 Road', 'active', 'UTC', current_timestamp, current_timestamp)");
    }

    /** A field created {@code minutesAgo} minutes ago. */
    private static void field(Statement s, UUID id, UUID client, String key, String type, String slot, int minutesAgo)
            throws SQLException {
        s.execute("insert into custom_fields (id, client_id, field_key, label, field_type, slot, created_at, subscriber_editable) "
                + "values ('" + id + "', '" + client + "', '" + key + "', '" + key + "', '" + type + "', '" + slot + "', "
                + "current_timestamp - interval '" + minutesAgo + "' minute, false)");
    }

    private static void subscriber(Statement s, UUID id, UUID client) throws SQLException {
        String email = id + "@shop.test";
        s.execute("insert into subscribers (id, client_id, email, email_key, email_hash, status, created_at, updated_at) values ('"
                + id + "', '" + client + "', '" + email + "', '" + email + "', 'h" + id + "', 'active', current_timestamp, current_timestamp)");
    }

    private static void tag(Statement s, UUID client, UUID field, UUID subscriber, String tag) throws SQLException {
        s.execute("insert into subscriber_tags (client_id, field_id, subscriber_id, tag) values ('" + client + "', '" + field
                + "', '" + subscriber + "', '" + tag + "')");
    }

    private String lastBeforeV45(String[] db) {
        var v45 = MigrationVersion.fromVersion("45");
        return Arrays.stream(flyway(db).load().info().all())
                .map(MigrationInfo::getVersion).filter(v -> v != null && v.compareTo(v45) < 0)
                .max(Comparator.naturalOrder()).orElseThrow().getVersion();
    }

    private void migrate(String[] db, String target) {
        var config = flyway(db);
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway(String[] db) {
        return Flyway.configure().dataSource(db[0], db[1], db[2])
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor());
    }
}
