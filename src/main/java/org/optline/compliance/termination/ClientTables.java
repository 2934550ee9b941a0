package org.optline.compliance.termination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables a client owns, read from the database's own schema: every table with a
 * {@code client_id} column (and platform mail's {@code on_behalf_of}), plus the client's row in
 * {@code clients}. Nothing here lists tables by hand except {@link #KEPT}, so a table a module adds
 * later is exported and purged without anyone remembering to.
 *
 * <p>This is the deliberate exception to "no module reads another's tables" (docs/architecture.md):
 * termination must reach every module's rows, and reading the schema is what keeps it complete.
 */
@Component
public class ClientTables {

    /** The columns that say whose a row is. */
    static final List<String> OWNER_COLUMNS = List.of("client_id", "on_behalf_of");

    /**
     * Client-owned tables whose rows outlive the purge, with the reason. Everything else the client
     * owns is deleted (its users and API keys too).
     */
    public static final Map<String, String> KEPT = Map.of(
            "audit_log", "the record of who did what, the termination included; append-only",
            "erasure_tombstones", "proof that an address was erased, without the address, for the record and for law",
            "termination_jobs", "the record of this termination: what was exported, when, and what was purged");

    /**
     * Columns left out of the export: credentials, hashed or sealed with this installation's key.
     * They are of no use to the client (its logins and keys end with it; sealed values open only
     * here) and a risk in a file that travels by a mailed link.
     */
    public static final Set<String> WITHHELD = Set.of("users.password_hash", "api_keys.secret_hash",
            "sending_domains.private_key", "client_relays.password", "webhook_endpoints.secret");

    /** Kept tables left out of the export: the termination's own bookkeeping, which holds the link's token hash. */
    static final Set<String> NOT_EXPORTED = Set.of("termination_jobs");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * One client-owned table: its name, the columns naming the owner, and all its columns in order;
     * for a partition (PostgreSQL), {@code parent} names the partitioned table it is reached through.
     */
    public record OwnedTable(String name, List<String> ownerColumns, List<String> columns, String parent) {

        OwnedTable(String name, List<String> ownerColumns, List<String> columns) {
            this(name, ownerColumns, columns, null);
        }

        /** The condition that picks the client's rows, {@code :clientId} bound by the caller. */
        String ownerCondition() {
            return String.join(" or ", ownerColumns.stream().map(c -> "\"" + c + "\" = :clientId").toList());
        }

        /** Every column, quoted (some are words SQL reserves), in the table's order. */
        String columnList() {
            return String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
        }
    }

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final NamedSql sql = NamedSql.forClass(ClientTables.class);

    ClientTables(JdbcClient jdbc, TenantScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /**
     * Every table with an owner column, by name (on PostgreSQL, a partitioned table once, not its
     * partitions), and the clients table (owner column {@code id}) first; their columns less the
     * {@link #WITHHELD} ones.
     */
    public List<OwnedTable> exported() {
        Layout layout = layout();
        List<OwnedTable> tables = new ArrayList<>();
        tables.add(new OwnedTable("clients", List.of("id"), exportedColumns("clients", layout)));
        layout.owners().forEach((table, owners) -> {
            if (!layout.partitions().containsKey(table) && !NOT_EXPORTED.contains(table)) {
                tables.add(new OwnedTable(table, owners, exportedColumns(table, layout)));
            }
        });
        return tables;
    }

    private static List<String> exportedColumns(String table, Layout layout) {
        return layout.columns().get(table).stream().filter(c -> !WITHHELD.contains(table + "." + c)).toList();
    }

    /**
     * The tables the purge empties of the client's rows, children before their parents (by the
     * schema's foreign keys), so no delete waits on a cascade or fails on a reference. On
     * PostgreSQL the partitions of a partitioned table are purged one by one, through their parent
     * (a partition reached directly shows nothing: row-level security guards it with no policy).
     */
    public List<OwnedTable> purged() {
        Layout layout = layout();
        Map<String, OwnedTable> tables = new TreeMap<>();
        layout.owners().forEach((table, owners) -> {
            if (!layout.partitioned().contains(table) && !KEPT.containsKey(table)) {
                tables.put(table, new OwnedTable(table, owners, layout.columns().get(table), layout.partitions().get(table)));
            }
        });
        return childrenFirst(tables, layout.references());
    }

    private static List<OwnedTable> childrenFirst(Map<String, OwnedTable> tables, Map<String, Set<String>> references) {
        // Kahn's order on "is referenced by": a table goes once no remaining table references it.
        Map<String, Set<String>> referencedBy = new TreeMap<>();
        tables.keySet().forEach(t -> referencedBy.put(t, new TreeSet<>()));
        references.forEach((child, parents) -> parents.forEach(parent -> {
            if (tables.containsKey(child) && tables.containsKey(parent) && !child.equals(parent)) {
                referencedBy.get(parent).add(child);
            }
        }));
        List<OwnedTable> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (order.size() < tables.size()) {
            String next = referencedBy.entrySet().stream()
                    .filter(e -> !done.contains(e.getKey()) && done.containsAll(e.getValue()))
                    .map(Map.Entry::getKey).findFirst()
                    // A cycle: take the first left by name; the purge retries what a reference still blocks.
                    .orElseGet(() -> referencedBy.keySet().stream().filter(t -> !done.contains(t))
                            .min(Comparator.naturalOrder()).orElseThrow());
            done.add(next);
            order.add(tables.get(next));
        }
        return order;
    }

    /** What the schema says, read in one platform transaction. */
    private record Layout(Map<String, List<String>> owners, Map<String, List<String>> columns,
                          Map<String, Set<String>> references, Map<String, String> partitions, Set<String> partitioned) {}

    private Layout layout() {
        return scope.asPlatform(() -> {
            Map<String, List<String>> owners = new TreeMap<>();
            jdbc.sql(sql.get("owner-columns")).param("owners", OWNER_COLUMNS).query((rs, n) -> {
                owners.computeIfAbsent(identifier(rs.getString("table_name")), t -> new ArrayList<>())
                        .add(identifier(rs.getString("column_name")));
                return null;
            }).list();
            Map<String, List<String>> columns = new LinkedHashMap<>();
            jdbc.sql(sql.get("columns")).query((rs, n) -> {
                columns.computeIfAbsent(identifier(rs.getString("table_name")), t -> new ArrayList<>())
                        .add(identifier(rs.getString("column_name")));
                return null;
            }).list();
            Map<String, Set<String>> references = new TreeMap<>();
            jdbc.sql(sql.get("foreign-keys")).query((rs, n) -> {
                references.computeIfAbsent(rs.getString("child"), t -> new TreeSet<>()).add(rs.getString("parent"));
                return null;
            }).list();
            Map<String, String> partitions = new TreeMap<>();
            Set<String> partitioned = new TreeSet<>();
            if (scope.isPostgres()) {
                jdbc.sql(sql.get("postgresql-partitions")).query((rs, n) -> {
                    if (rs.getBoolean("is_partition")) {
                        partitions.put(identifier(rs.getString("table_name")), identifier(rs.getString("parent")));
                    } else {
                        partitioned.add(identifier(rs.getString("table_name")));
                    }
                    return null;
                }).list();
            }
            return new Layout(owners, columns, references, partitions, partitioned);
        });
    }

    /** A name as the schema gives it, checked before it is ever written into SQL. */
    static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException("Unexpected name in the schema: " + name);
        }
        return name;
    }
}
