package org.optline.audience.imports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.optline.audience.CustomField;
import org.optline.audience.MembershipStatus;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.SubscriptionsStarted;
import org.optline.audience.fields.Slots;
import org.optline.audience.subscribers.ConsentStore;
import org.optline.audience.subscribers.ParentLocks;
import org.optline.platform.NamedSql;
import org.optline.platform.TimeOrderedIds;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL path of an import chunk. {@link #encode} runs on the parsing thread: it turns a
 * chunk validated and de-duplicated exactly as on H2 ({@link ImportBatch.Parsed}) into COPY text,
 * numbering the rows in line order and giving each a new time-ordered id. {@link #merge} runs in
 * the chunk's transaction: it streams that text with COPY into a temporary staging table on the
 * transaction's own connection, then merges it with the set-based statements of
 * {@code ImportCopy.sql}, one per step. The counts, issues, ledger row, membership links and the
 * {@link SubscriptionsStarted} event are those {@link ImportBatch} produces for the same rows.
 */
@Component
class ImportCopy {

    /**
     * A chunk ready to merge: {@code records} CSV records read (what the checkpoint moves by), the
     * COPY text of its valid rows (a multi-valued field's values as an array literal), the rejected rows'
     * issues and counts, and the flags of addresses worth a look (dropped if suppressed).
     */
    record Chunk(long records, List<String> slotColumns, CopyText rows, List<ImportStore.Issue> issues,
                 long rejected, long duplicates, List<Flag> flags) {}

    /** A staged address taken out as suppressed, and whether the client already had it. */
    private record Dropped(String emailKey, boolean existing) {}

    /** A flag for the row of one address; kept only if the address is imported. */
    record Flag(String emailKey, ImportStore.Issue issue) {}

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final ConsentStore consent;
    private final ParentLocks parents;
    private final NamedSql sql;

    ImportCopy(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events, ConsentStore consent,
               ParentLocks parents) {
        this.jdbc = jdbc;
        this.consent = consent;
        this.parents = parents;
        this.dataSource = dataSource;
        this.events = events;
        this.sql = NamedSql.forClass(ImportCopy.class);
    }

    /** The slot columns an import with these targets fills (a multi-valued field's: its array column). */
    static List<String> slotColumns(ImportBatch.Context ctx) {
        List<String> columns = new ArrayList<>();
        for (String target : ctx.targets()) {
            CustomField field = target == null ? null : ctx.fields().get(target);
            if (field != null && !columns.contains(field.slot())) {
                columns.add(Slots.checked(field.slot()));
            }
        }
        return columns;
    }

    /** Encodes a parsed chunk for COPY, in line order; new ids are drawn here, one per row. */
    static Chunk encode(List<String> slotColumns, long records, ImportBatch.Parsed parsed) {
        CopyText rows = new CopyText();
        List<Flag> flags = new ArrayList<>();
        StringBuilder line = new StringBuilder(256);
        int ord = 0;
        for (ImportBatch.Row row : parsed.rows.values()) {
            line.setLength(0);
            line.append(ord).append('\t').append(TimeOrderedIds.next()).append('\t').append(row.line());
            field(line, row.email().value());
            field(line, row.email().key());
            field(line, row.email().hash());
            field(line, row.name());
            for (String slot : slotColumns) {
                Object value = row.slots().get(slot);
                field(line, value == null ? null : value instanceof BigDecimal d ? d.toPlainString()
                        : value instanceof List<?> values ? arrayLiteral(values) : value.toString());
            }
            rows.line(line);
            ImportBatch.flag(row).ifPresent(issue -> flags.add(new Flag(row.email().key(), issue)));
            ord++;
        }
        return new Chunk(records, slotColumns, rows, parsed.issues, parsed.rejected, parsed.duplicates, flags);
    }

    /**
     * A multi field's values as a PostgreSQL array literal, each element quoted with its quotes and
     * backslashes escaped ({@link #field} then escapes the whole for COPY's text format).
     */
    static String arrayLiteral(List<?> values) {
        StringBuilder literal = new StringBuilder(16 * values.size() + 2).append('{');
        for (Object value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"');
            String text = String.valueOf(value);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** Appends a tab and one value in COPY's text format: {@code \N} for null, backslash escapes. */
    static void field(StringBuilder line, String value) {
        line.append('\t');
        if (value == null) {
            line.append("\\N");
            return;
        }
        if (!needsEscape(value)) {
            line.append(value); // the usual case, copied whole rather than char by char
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Stores one chunk; runs inside the chunk's transaction, in the client's scope. */
    ImportBatch.Result merge(ImportBatch.Context ctx, Chunk chunk) {
        UUID clientId = ctx.clientId();
        // The parents, once per chunk (its transaction), before any child is written: they stand
        // in for the foreign keys (ParentLocks, docs/audience.md).
        if (!parents.lockList(clientId, ctx.listId())) {
            throw new ImportBatch.ListDeleted();
        }
        parents.lockClient(clientId);
        jdbc.sql(sql.get("create-staging")).update();
        StringBuilder columns = new StringBuilder();
        chunk.slotColumns().forEach(slot -> columns.append(", ").append(Slots.checked(slot)));
        copy(sql.get("copy-rows").replace("/*slot columns*/", columns), chunk.rows());
        jdbc.sql(sql.get("chunk-settings")).query().singleRow();
        jdbc.sql(sql.get("analyze-staging")).update();

        // Existing subscribers are found and locked first, then suppressed addresses taken out
        // (see the two statements for why in this order).
        long existing = jdbc.sql(sql.get("mark-existing")).param("clientId", clientId).param("listId", ctx.listId())
                .update();
        Set<String> suppressed = new HashSet<>();
        long suppressedExisting = 0;
        for (Dropped dropped : jdbc.sql(sql.get("drop-suppressed")).param("clientId", clientId)
                .query((rs, n) -> new Dropped(rs.getString("email_key"), rs.getBoolean("existing"))).list()) {
            suppressed.add(dropped.emailKey());
            suppressedExisting += dropped.existing() ? 1 : 0;
        }
        existing -= suppressedExisting;
        long created = jdbc.sql(sql.get("insert-new-subscribers")).param("clientId", clientId)
                .param("status", SubscriberStatus.ACTIVE.wireName()).param("at", ctx.now()).update();
        if (existing > 0) {
            jdbc.sql(sql.get("update-existing")).param("clientId", clientId).param("at", ctx.now()).update();
        }
        long leftBefore = existing == 0 ? 0 : jdbc.sql(sql.get("count-left-list")).param("clientId", clientId)
                .param("listId", ctx.listId()).param("left", MembershipStatus.UNSUBSCRIBED.wireName())
                .query(Long.class).single();
        List<SubscriptionsStarted.Joined> joined = jdbc.sql(sql.get("joined"))
                .query((rs, n) -> new SubscriptionsStarted.Joined(rs.getObject("subscriber_id", UUID.class),
                        rs.getString("email"), rs.getBoolean("created"))).list();
        if (!joined.isEmpty()) {
            // The import's one ledger row, written by the first chunk that adds anyone and found
            // again by the others; each new membership points at it with its line, as on H2.
            long consentRow = consent.importRow(clientId, ctx.evidence(), ctx.now());
            jdbc.sql(sql.get("insert-memberships")).param("clientId", clientId).param("listId", ctx.listId())
                    .param("status", MembershipStatus.CONFIRMED.wireName()).param("at", ctx.now())
                    .param("consentRow", consentRow).update();
            // One event for the whole chunk, in its transaction, as on H2. Its listeners cost one
            // statement each per chunk (the standing counters' delete), plus, when the client has
            // webhook endpoints for subscriptions, one outbox row per person and endpoint.
            events.publishEvent(new SubscriptionsStarted(clientId, ctx.listId(), joined, "import", ctx.now()));
        }

        List<ImportStore.Issue> issues = new ArrayList<>(chunk.issues());
        long flagged = 0;
        for (Flag flag : chunk.flags()) {
            if (!suppressed.contains(flag.emailKey())) {
                issues.add(flag.issue());
                flagged++;
            }
        }
        return new ImportBatch.Result(new ImportStore.Progress(created, chunk.duplicates() + existing, chunk.rejected(),
                suppressed.size() + leftBefore, flagged), issues);
    }

    /** Streams COPY text into the staging table on the connection of the current transaction. */
    private void copy(String statement, CopyText text) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Connection target = connection instanceof ConnectionProxy proxy ? proxy.getTargetConnection() : connection;
            CopyIn in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(statement);
            try {
                text.writeTo(in);
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new UncategorizedSQLException("COPY into the import's staging table", statement, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * COPY text in UTF-8, in blocks of 256 KiB: no doubling copy as it grows, no array large
     * enough to be allocated outside the young generation, and handed to the driver block by block.
     */
    static final class CopyText {

        private static final int BLOCK = 1 << 18;
        private final List<byte[]> blocks = new ArrayList<>();
        private byte[] current;
        private int used = BLOCK;
        private long size;

        void line(CharSequence line) {
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            write(bytes, bytes.length);
            write(NEWLINE, 1);
        }

        private void write(byte[] bytes, int length) {
            int from = 0;
            while (from < length) {
                if (used == BLOCK) {
                    current = new byte[BLOCK];
                    blocks.add(current);
                    used = 0;
                }
                int n = Math.min(length - from, BLOCK - used);
                System.arraycopy(bytes, from, current, used, n);
                used += n;
                from += n;
            }
            size += length;
        }

        long size() {
            return size;
        }

        void writeTo(CopyIn in) throws SQLException {
            for (int i = 0; i < blocks.size(); i++) {
                in.writeToCopy(blocks.get(i), 0, i == blocks.size() - 1 ? used : BLOCK);
            }
        }

        /** The whole text in one array (for reading it back in tests; COPY takes the blocks). */
        byte[] toByteArray() {
            byte[] all = new byte[(int) size];
            for (int i = 0; i < blocks.size(); i++) {
                System.arraycopy(blocks.get(i), 0, all, i * BLOCK, i == blocks.size() - 1 ? used : BLOCK);
            }
            return all;
        }

        private static final byte[] NEWLINE = {'\n'};
    }
}
