package org.optline.compliance.termination;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.optline.compliance.termination.ClientTables.OwnedTable;
import org.optline.platform.NamedSql;
import org.optline.platform.TenantScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one client's full export as a zip file: for every table it owns (read from the schema,
 * {@link ClientTables#exported()}) a CSV file and a JSON file of its rows, a {@code manifest.json}
 * (client, time, tables with their columns, row counts and files' checksums) and {@code SHA256SUMS}
 * (every file's SHA-256, the manifest's too, in the format {@code sha256sum -c} reads).
 *
 * <p>Nothing is held in memory: rows are read with a fetch size and streamed into the zip, each
 * table in its own read transaction (a read blocks no other client). The CSV goes straight into the
 * zip while the same pass writes the JSON to a temporary file beside it, copied in next; so both
 * files of a table hold the same rows, and the manifest's counts are what was written.
 */
@Component
class ExportArchive {

    /** The summary of a written archive. */
    record Written(long bytes, String sha256, int tables, long rows) {}

    private static final int FETCH_SIZE = 500;

    private final TenantScope scope;
    private final NamedParameterJdbcTemplate jdbc;
    private final ClientTables tables;
    private final NamedSql sql = NamedSql.forClass(ExportArchive.class);
    private final JsonMapper json = JsonMapper.builder().build();

    ExportArchive(TenantScope scope, DataSource dataSource, ClientTables tables) {
        this.scope = scope;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // With a fetch size (and, on PostgreSQL, inside a transaction) the driver pages through a
        // table instead of loading all of it.
        template.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(template);
        this.tables = tables;
    }

    /**
     * Writes the export of {@code clientId} to {@code target}, through a temporary file moved into
     * place at the end, so a crash never leaves a half archive under the final name.
     */
    Written write(UUID clientId, String clientName, OffsetDateTime createdAt, Path target) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path scratch = target.resolveSibling(target.getFileName() + ".json.part");
        MessageDigest whole = sha256();
        List<Map<String, Object>> manifestTables = new ArrayList<>();
        Map<String, String> sums = new LinkedHashMap<>();
        long rows = 0;
        try (OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(part)), whole);
             ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
            for (OwnedTable table : tables.exported()) {
                TableFiles written = writeTable(zip, clientId, table, scratch);
                sums.put(written.csvPath(), written.csvSha256());
                sums.put(written.jsonPath(), written.jsonSha256());
                rows += written.rows();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", table.name());
                entry.put("rows", written.rows());
                entry.put("columns", table.columns());
                entry.put("ownerColumns", table.ownerColumns());
                entry.put("withheldColumns", ClientTables.WITHHELD.stream().filter(c -> c.startsWith(table.name() + "."))
                        .map(c -> c.substring(table.name().length() + 1)).sorted().toList());
                entry.put("files", Map.of("csv", Map.of("path", written.csvPath(), "sha256", written.csvSha256()),
                        "json", Map.of("path", written.jsonPath(), "sha256", written.jsonSha256())));
                manifestTables.add(entry);
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", "optline-termination-export/1");
            manifest.put("client", Map.of("id", clientId.toString(), "name", clientName));
            manifest.put("createdAt", createdAt.toString());
            manifest.put("tables", manifestTables);
            manifest.put("notes", "CSV cells that begin with = + - @ tab or CR are prefixed with ' so spreadsheets do"
                    + " not run them; the JSON files hold the values exactly. Binary values are base64. Credentials"
                    + " (password and key hashes, sealed secrets) are withheld: they open nothing outside this installation.");
            sums.put("manifest.json", entry(zip, "manifest.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest)));
            StringBuilder lines = new StringBuilder();
            sums.forEach((path, sum) -> lines.append(sum).append("  ").append(path).append('\n'));
            entry(zip, "SHA256SUMS", lines.toString().getBytes(StandardCharsets.UTF_8));
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export " + part, e);
        } finally {
            deleteQuietly(scratch);
        }
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Written(Files.size(target), HexFormat.of().formatHex(whole.digest()), manifestTables.size(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the export into place: " + target, e);
        }
    }

    private record TableFiles(String csvPath, String csvSha256, String jsonPath, String jsonSha256, long rows) {}

    private TableFiles writeTable(ZipOutputStream zip, UUID clientId, OwnedTable table, Path scratch) throws IOException {
        String csvPath = "csv/" + table.name() + ".csv";
        String jsonPath = "json/" + table.name() + ".json";
        MessageDigest csvDigest = sha256();
        MessageDigest jsonDigest = sha256();
        long[] count = {0};
        zip.putNextEntry(new ZipEntry(csvPath));
        try (Writer csv = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(new KeepOpen(zip), csvDigest),
                StandardCharsets.UTF_8));
             OutputStream jsonFile = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(scratch)), jsonDigest);
             JsonGenerator out = json.createGenerator(jsonFile)) {
            TableRows.csvLine(csv, table.columns());
            out.writeStartArray();
            String select = sql.get("client-rows").replace("{columns}", table.columnList())
                    .replace("{table}", table.name()).replace("{owner}", table.ownerCondition());
            scope.asPlatform(() -> jdbc.query(select, new MapSqlParameterSource("clientId", clientId), rs -> {
                List<Object> values = TableRows.values(rs);
                try {
                    TableRows.csvLine(csv, values);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.writeStartObject();
                for (int i = 0; i < values.size(); i++) {
                    out.writeName(table.columns().get(i));
                    out.writePOJO(values.get(i));
                }
                out.writeEndObject();
                count[0]++;
            }));
            out.writeEndArray();
        }
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(jsonPath));
        Files.copy(scratch, zip);
        zip.closeEntry();
        return new TableFiles(csvPath, HexFormat.of().formatHex(csvDigest.digest()), jsonPath,
                HexFormat.of().formatHex(jsonDigest.digest()), count[0]);
    }

    /** Writes one small entry; answers its SHA-256. */
    private static String entry(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover scratch file is overwritten by the next attempt.
        }
    }

    /** Lets a writer close its end without closing the zip it writes into. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
