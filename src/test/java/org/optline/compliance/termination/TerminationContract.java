package org.optline.compliance.termination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optline.audience.Orphans;
import org.optline.audience.SubscriberInput;
import org.optline.audience.Subscribers;
import org.optline.audience.Suppressions;
import org.optline.campaign.Campaigns;
import org.optline.delivery.queue.DeliveryWorker;
import org.optline.platform.Actor;
import org.optline.platform.ClientStatus;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.CreatedClient;
import org.optline.platform.DataDirectory;
import org.optline.platform.TenantScope;
import org.optline.platform.NotFoundException;
import org.optline.platform.ValidationException;
import org.optline.test.StepClock;
import org.optline.test.ClientRows;
import org.optline.tracking.Hits;
import org.optline.test.Fixtures;
import org.optline.test.ObjectsOfEveryKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Termination end to end, on H2 and PostgreSQL: a client with rows in every kind of table is
 * terminated; the export is complete (every client-owned table the schema has, counts equal to the
 * rows, checksums that verify); its admin is mailed a link that works until the window passes on a
 * moved clock; then the purge leaves nothing of the client, proved by a scan of every table with a
 * client column found from the schema (not from a list), except the kept tables; another client is
 * untouched. Batches are three rows here, so every table of any size is purged over several
 * transactions.
 */
@Import(TerminationContract.Clocks.class)
@TestPropertySource(properties = "optline.termination.batch-size=3")
abstract class TerminationContract {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        StepClock stepClock() {
            return new StepClock();
        }
    }

    private static final Pattern LINK = Pattern.compile("/termination-exports/([A-Za-z0-9_-]+)");

    @Autowired ApplicationContext context;
    @Autowired MockMvc mvc;
    @Autowired Clients clients;
    @Autowired Subscribers subscribers;
    @Autowired Suppressions suppressions;
    @Autowired Campaigns campaigns;
    @Autowired DeliveryWorker delivery;
    @Autowired Terminations terminations;
    @Autowired TerminationWorker worker;
    @Autowired TerminationStore store;
    @Autowired TerminationProperties settings;
    @Autowired DataDirectory data;
    @Autowired TenantScope scope;
    @Autowired JdbcClient jdbc;
    @Autowired StepClock clock;
    @Autowired Hits hits;
    @Autowired Orphans orphans;

    private final JsonMapper json = JsonMapper.builder().build();

    CreatedClient doomed;
    CreatedClient bystander;

    @BeforeEach
    void twoClientsWithData() {
        doomed = clientWithData("Doomed");
        bystander = clientWithData("Bystander");
    }

    /** A client with a row in every kind of table the product fills: objects of every kind, a sent campaign, an erasure. */
    private CreatedClient clientWithData(String name) {
        CreatedClient client = Fixtures.client(clients, name + " " + UUID.randomUUID().toString().substring(0, 8));
        String label = name.toLowerCase() + UUID.randomUUID().toString().substring(0, 6);
        ObjectsOfEveryKind objects = ObjectsOfEveryKind.create(context, client, label);
        Actor admin = Fixtures.admin(client);
        for (int i = 0; i < 5; i++) {
            subscribers.save(admin, new SubscriberInput("reader" + i + "@" + label + ".test", "Reader, \"" + i + "\"\n=1+1",
                    Map.of(), List.of(objects.listId()), null), false);
        }
        suppressions.add(admin, "gone@" + label + ".test", "manual");
        UUID erased = subscribers.save(admin, new SubscriberInput("erase-me@" + label + ".test", "Erased", Map.of(),
                List.of(objects.listId()), null), false).subscriber().id();
        subscribers.erase(admin, erased, "asked to be forgotten");
        campaigns.send(admin, UUID.fromString(objects.ids().get("campaigns")), null);
        delivery.runOnce();
        open(client.client().id());
        return client;
    }

    @Test
    void theExportIsCompleteTheLinkExpiresAndThePurgeLeavesNothingButTheKeptTables() throws Exception {
        UUID id = doomed.client().id();
        String pixel = pixelOf(id);
        assertThat(hits.open(pixel, "GET", "Mozilla/5.0 Thunderbird/128.0").outcome()).isEqualTo(Hits.Outcome.STORED);
        // The fan-out hands the open to the rollups a pass later and takes it off the pending
        // queue: counted before that, the table would shrink between these counts and the export.
        await().atMost(Duration.ofSeconds(30)).until(() -> countsOf(id, Map.of("tracked_events_pending", List.of("client_id")))
                .get("tracked_events_pending") == 0);
        Map<String, Long> before = countsOf(id, exportedTablesFromTheSchema());
        assertThat(before.get("subscribers")).isGreaterThanOrEqualTo(6);
        assertThat(before.get("users")).isEqualTo(1);
        assertThat(before.get("send_queue")).isEqualTo(6);
        assertThat(before.get("tracked_events") + before.get("tracked_events_pending")).as("an open").isPositive();
        String bystanderRows = ClientRows.snapshot(scope, jdbc, bystander.client().id());

        clients.terminate(Fixtures.operator(), id, "Bought lists, complaints at 2 %");
        assertThat(terminations.status(Fixtures.operator(), id).state()).isEqualTo(TerminationState.EXPORTING);
        assertThat(worker.runDue()).isPositive();
        TerminationJob ready = terminations.status(Fixtures.operator(), id);
        assertThat(ready.state()).isEqualTo(TerminationState.EXPORT_READY);
        assertThat(ready.exportExpiresAt()).isEqualTo(ready.exportReadyAt().plusDays(settings.exportDays()));

        // The admin's mail, sent as platform mail, carries the link; the token is stored only hashed.
        String token = tokenMailedTo(doomed.admin().email());
        assertThat(scope.asPlatform(() -> jdbc.sql("select count(*) from termination_jobs where token_hash = :t")
                .param("t", token).query(Long.class).single())).isZero();

        byte[] zip = mvc.perform(get("/termination-exports/" + token)).andExpect(status().isOk())
                .andExpect(content().contentType("application/zip")).andReturn().getResponse().getContentAsByteArray();
        Map<String, byte[]> files = unzip(zip);
        assertThat(sha256(zip)).isEqualTo(ready.exportSha256());
        // The audit log grows with the termination itself; every other table stands still.
        Map<String, Long> atExport = countsOf(id, exportedTablesFromTheSchema());
        assertThat(atExport.get("audit_log")).isGreaterThan(before.get("audit_log"));
        checkExport(files, before, atExport, id);
        assertThat(terminations.status(Fixtures.operator(), id).downloads()).isEqualTo(1);

        mvc.perform(get("/termination-exports/" + token.substring(1) + "x")).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("This export link is not valid")));

        // The window passes: the link answers 410 before the purge has even run.
        clock.advance(Duration.ofDays(settings.exportDays()).plusMinutes(1));
        mvc.perform(get("/termination-exports/" + token)).andExpect(status().isGone())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("This export link has expired")));

        assertThat(worker.runDue()).isPositive();
        TerminationJob purged = terminations.status(Fixtures.operator(), id);
        assertThat(purged.state()).isEqualTo(TerminationState.PURGED);
        assertThat(purged.exportDeletedAt()).isNotNull();
        assertThat(Files.list(data.forClient(Terminations.AREA, id)).toList()).isEmpty();
        long purgeable = before.entrySet().stream().filter(e -> !ClientTables.KEPT.containsKey(e.getKey())
                && !e.getKey().equals("clients")).mapToLong(Map.Entry::getValue).sum();
        assertThat(purged.purgedRows()).isGreaterThanOrEqualTo(purgeable);

        assertNothingLeftOf(id);
        // A recipient opening an old message afterwards stores nothing of the client again.
        assertThat(hits.open(pixel, "GET", "Mozilla/5.0 Thunderbird/128.0").outcome()).isEqualTo(Hits.Outcome.BAD_TOKEN);
        assertNothingLeftOf(id);
        assertThat(clients.standing(id)).isEqualTo(ClientStatus.TERMINATED);
        assertThat(ClientRows.snapshot(scope, jdbc, bystander.client().id())).isEqualTo(bystanderRows);
        assertThat(scope.asPlatform(() -> store.due(org.optline.platform.Times.now(clock)))).as("nothing left to do")
                .doesNotContain(id);
    }

    @Test
    void purgeNowFollowsTheExportAndTheLinkStillWorksUntilItsTime() throws Exception {
        UUID id = doomed.client().id();
        clients.terminate(Fixtures.operator(), id, "Asked to leave");
        assertThatThrownBy(() -> terminations.requestPurge(Fixtures.operator(), id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("still being written");
        worker.runDue();
        String token = tokenMailedTo(doomed.admin().email());
        mvc.perform(post("/api/v1/clients/" + id + "/termination/purge").header(HttpHeaders.AUTHORIZATION, operatorKey()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.purge.requestedAt").isNotEmpty())
                .andExpect(jsonPath("$.state").value("export_ready"));
        mvc.perform(post("/api/v1/clients/" + id + "/termination/purge").header(HttpHeaders.AUTHORIZATION, operatorKey()))
                .andExpect(status().isConflict()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        worker.runDue();
        assertNothingLeftOf(id);
        mvc.perform(get("/api/v1/clients/" + id + "/termination").header(HttpHeaders.AUTHORIZATION, operatorKey()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("purged"))
                .andExpect(jsonPath("$.export.available").value(true))
                .andExpect(jsonPath("$.purge.rowsDeleted").isNumber());
        // The export was written before the purge, so it is whole although the rows are gone.
        Map<String, byte[]> files = unzip(mvc.perform(get("/termination-exports/" + token)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(json.readTree(files.get("manifest.json")).get("tables").size()).isGreaterThan(20);
        byte[] byOperator = mvc.perform(get("/api/v1/clients/" + id + "/termination/export").header(HttpHeaders.AUTHORIZATION,
                operatorKey())).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(sha256(byOperator)).isEqualTo(terminations.status(Fixtures.operator(), id).exportSha256());
        assertThat(ClientRows.snapshot(scope, jdbc, bystander.client().id())).contains("subscribers:[(");
    }

    @Test
    void aPurgeLeftByADeadNodeIsResumedOnceItsLeaseRunsOut() {
        UUID id = doomed.client().id();
        clients.terminate(Fixtures.operator(), id, "Resumed");
        worker.runDue();
        terminations.requestPurge(Fixtures.operator(), id);
        var now = org.optline.platform.Times.now(clock);
        // A node took the job, started purging, deleted one table's rows and died holding the lease.
        scope.asPlatform(() -> store.move(id, TerminationState.EXPORT_READY, TerminationState.PURGING, now));
        assertThat(scope.asPlatform(() -> store.claim(id, now, now.plus(settings.lease())))).isTrue();
        scope.asPlatform(() -> jdbc.sql("delete from segments where client_id = :id").param("id", id).update());
        worker.runDue();
        assertThat(terminations.status(Fixtures.operator(), id).state()).as("the lease is still held")
                .isEqualTo(TerminationState.PURGING);
        assertThat(countsOf(id, Map.of("subscribers", List.of("client_id"))).get("subscribers")).isPositive();
        clock.advance(settings.lease().plusSeconds(1));
        worker.runDue();
        assertThat(terminations.status(Fixtures.operator(), id).state()).isEqualTo(TerminationState.PURGED);
        assertNothingLeftOf(id);
    }

    @Test
    void aTerminationWhoseJobWasNeverRecordedIsBegunByTheNextRound() {
        UUID id = doomed.client().id();
        clients.terminate(Fixtures.operator(), id, "Listener lost");
        // As if the listener that records the job had failed after the status change committed.
        scope.asPlatform(() -> jdbc.sql("delete from termination_jobs where client_id = :id").param("id", id).update());
        assertThatThrownBy(() -> terminations.status(Fixtures.operator(), id)).isInstanceOf(NotFoundException.class);

        worker.runDue();
        assertThat(terminations.status(Fixtures.operator(), id).state()).isEqualTo(TerminationState.EXPORT_READY);
        assertThat(terminations.status(Fixtures.operator(), id).reason()).contains("audit log");
        // The other client, still active, is left alone.
        assertThat(scope.asPlatform(() -> jdbc.sql("select count(*) from termination_jobs where client_id = :id")
                .param("id", bystander.client().id()).query(Long.class).single())).isZero();
    }

    @Test
    void terminationNeedsAReasonAndAnOperator() throws Exception {
        UUID id = doomed.client().id();
        assertThatThrownBy(() -> clients.terminate(Fixtures.operator(), id, "  ")).isInstanceOf(ValidationException.class);
        mvc.perform(post("/api/v1/clients/" + id + "/terminate").header(HttpHeaders.AUTHORIZATION, operatorKey())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        String clientKey = "Bearer " + doomed.adminApiKey().secret();
        mvc.perform(post("/api/v1/clients/" + id + "/terminate").header(HttpHeaders.AUTHORIZATION, clientKey)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"myself\"}")).andExpect(status().isNotFound());
        assertThat(clients.standing(id)).isEqualTo(ClientStatus.ACTIVE);
        mvc.perform(get("/api/v1/clients/" + id + "/termination").header(HttpHeaders.AUTHORIZATION, operatorKey()))
                .andExpect(status().isNotFound());

        mvc.perform(post("/api/v1/clients/" + id + "/terminate").header(HttpHeaders.AUTHORIZATION, operatorKey())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"Spam trap hits\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("terminated"));
        assertThat(terminations.status(Fixtures.operator(), id).reason()).isEqualTo("Spam trap hits");
        worker.runDue();
        // A client's key (of another client; the terminated one's no longer works) never reaches these routes.
        String otherKey = "Bearer " + bystander.adminApiKey().secret();
        for (String path : List.of("/api/v1/clients/" + id + "/termination", "/api/v1/clients/" + id + "/termination/export")) {
            mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, otherKey)).andExpect(status().isNotFound());
        }
        mvc.perform(post("/api/v1/clients/" + id + "/termination/purge").header(HttpHeaders.AUTHORIZATION, otherKey))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/clients/" + id).header(HttpHeaders.AUTHORIZATION, clientKey)).andExpect(status().isUnauthorized());
        assertThat(terminations.status(Fixtures.operator(), id).purgeRequestedAt()).isNull();
    }

    // --- the export ---

    private void checkExport(Map<String, byte[]> files, Map<String, Long> before, Map<String, Long> atExport, UUID id)
            throws Exception {
        JsonNode manifest = json.readTree(files.get("manifest.json"));
        assertThat(manifest.get("client").get("id").asString()).isEqualTo(id.toString());
        assertThat(manifest.get("createdAt").asString()).isNotBlank();
        Map<String, JsonNode> tables = new TreeMap<>();
        manifest.get("tables").forEach(t -> tables.put(t.get("name").asString(), t));
        assertThat(tables.keySet()).as("every table the client owns, from the schema").isEqualTo(before.keySet());
        for (var e : tables.entrySet()) {
            JsonNode table = e.getValue();
            long rows = table.get("rows").asLong();
            if (e.getKey().equals("audit_log")) {
                // Written before the export and after: the record of the termination being made.
                assertThat(rows).isGreaterThan(before.get("audit_log")).isLessThan(atExport.get("audit_log"));
            } else {
                assertThat(rows).as(e.getKey()).isEqualTo(before.get(e.getKey())).isEqualTo(atExport.get(e.getKey()));
            }
            List<String> columns = new ArrayList<>();
            table.get("columns").forEach(c -> columns.add(c.asString()));
            List<String> expected = columnsOf(e.getKey()).stream()
                    .filter(c -> !ClientTables.WITHHELD.contains(e.getKey() + "." + c)).toList();
            assertThat(columns).as(e.getKey()).isEqualTo(expected);
            byte[] csv = files.get(table.get("files").get("csv").get("path").asString());
            byte[] rowsJson = files.get(table.get("files").get("json").get("path").asString());
            assertThat(sha256(csv)).isEqualTo(table.get("files").get("csv").get("sha256").asString());
            assertThat(sha256(rowsJson)).isEqualTo(table.get("files").get("json").get("sha256").asString());
            JsonNode array = json.readTree(rowsJson);
            assertThat(array.size()).as(e.getKey() + " JSON rows").isEqualTo(rows);
            assertThat(new String(csv, StandardCharsets.UTF_8)).startsWith(String.join(",", columns) + "\r\n");
        }
        // SHA256SUMS names every other file, the manifest included, with its true checksum.
        Set<String> listed = new TreeSet<>();
        for (String line : new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split(" {2}", 2);
            assertThat(sha256(files.get(parts[1]))).as(parts[1]).isEqualTo(parts[0]);
            listed.add(parts[1]);
        }
        Set<String> all = new TreeSet<>(files.keySet());
        all.remove("SHA256SUMS");
        assertThat(listed).isEqualTo(all);
        // The JSON keeps values exactly; the CSV quotes and makes formula-like cells inert.
        String subscribersJson = new String(files.get("json/subscribers.json"), StandardCharsets.UTF_8);
        assertThat(subscribersJson).contains("Reader, \\\"0\\\"\\n=1+1");
        assertThat(new String(files.get("csv/subscribers.csv"), StandardCharsets.UTF_8)).contains("\"Reader, \"\"0\"\"\n=1+1\"");
        assertThat(new String(files.get("csv/clients.csv"), StandardCharsets.UTF_8)).contains(id.toString()).contains("terminated");
        // Credentials stay behind: the login's password hash and the key's hash are not in the export.
        String hash = scope.asPlatform(() -> jdbc.sql("select password_hash from users where client_id = :id").param("id", id)
                .query(String.class).single());
        assertThat(new String(files.get("csv/users.csv"), StandardCharsets.UTF_8)).doesNotContain("password_hash")
                .doesNotContain(hash);
        assertThat(new String(files.get("json/api_keys.json"), StandardCharsets.UTF_8)).doesNotContain("secret_hash");
    }

    // --- the schema scan, independent of ClientTables ---

    /** Table name to the columns in it that name a client, for every base table (partitions too). */
    private Map<String, List<String>> ownedTablesFromTheSchema() {
        Map<String, List<String>> tables = new TreeMap<>();
        scope.asPlatform(() -> jdbc.sql("select lower(c.table_name), lower(c.column_name) from information_schema.columns c "
                + "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name "
                + "where lower(c.table_schema) = lower(current_schema) and t.table_type = 'BASE TABLE' "
                + "and lower(c.column_name) in ('client_id', 'on_behalf_of')").query((rs, n) -> {
                    tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                    return null;
                }).list());
        return tables;
    }

    /** On PostgreSQL, the partitions of partitioned tables (their rows are read through the parent). */
    private Set<String> partitions() {
        if (!scope.isPostgres()) {
            return Set.of();
        }
        return new TreeSet<>(scope.asPlatform(() -> jdbc.sql("select relname from pg_class where relispartition "
                + "and relnamespace = current_schema()::regnamespace").query(String.class).list()));
    }

    /** What the export must hold: the clients row, and every client-owned table but the termination's own record. */
    private Map<String, List<String>> exportedTablesFromTheSchema() {
        Map<String, List<String>> tables = new TreeMap<>(ownedTablesFromTheSchema());
        partitions().forEach(tables::remove);
        tables.remove("termination_jobs");
        tables.put("clients", List.of("id"));
        return tables;
    }

    private Map<String, Long> countsOf(UUID id, Map<String, List<String>> tables) {
        Map<String, Long> counts = new TreeMap<>();
        tables.forEach((table, owners) -> counts.put(table, scope.asPlatform(() -> jdbc.sql("select count(*) from " + table
                + " where " + String.join(" or ", owners.stream().map(c -> c + " = :id").toList()))
                .param("id", id).query(Long.class).single())));
        return counts;
    }

    private List<String> columnsOf(String table) {
        return scope.asPlatform(() -> jdbc.sql("select lower(column_name) from information_schema.columns "
                + "where lower(table_schema) = lower(current_schema) and lower(table_name) = :t order by ordinal_position")
                .param("t", table).query(String.class).list());
    }

    /**
     * Every table with a client column holds nothing of the client, but the kept ones; which do keep
     * its record. A partitioned table is read through its parent: on PostgreSQL a partition read
     * directly shows nothing (row-level security with no policy of its own).
     */
    private void assertNothingLeftOf(UUID id) {
        Map<String, List<String>> tables = new TreeMap<>(ownedTablesFromTheSchema());
        partitions().forEach(tables::remove);
        Map<String, Long> left = countsOf(id, tables);
        Map<String, Long> unexpected = new LinkedHashMap<>();
        left.forEach((table, rows) -> {
            if (rows > 0 && !ClientTables.KEPT.containsKey(table)) {
                unexpected.put(table, rows);
            }
        });
        assertThat(unexpected).as("rows of the terminated client left after the purge").isEmpty();
        assertThat(left).containsKeys("users", "api_keys", "subscribers", "consent_events", "outbox_messages", "tracked_events");
        assertThat(left.get("audit_log")).isPositive();
        assertThat(left.get("erasure_tombstones")).isEqualTo(1);
        assertThat(left.get("termination_jobs")).isEqualTo(1);
        assertThat(scope.asPlatform(() -> jdbc.sql("select status from clients where id = :id").param("id", id)
                .query(String.class).single())).isEqualTo("terminated");
        // On PostgreSQL no foreign key orders or checks the audience's part of the purge: nothing
        // is left pointing at a row it deleted, the bystander's included.
        assertThat(orphans.count(id).total()).isZero();
        assertThat(orphans.count(bystander.client().id()).total()).isZero();
        assertThat(orphans.count(Fixtures.operator()).total()).isZero();
    }

    // --- helpers ---

    /** One recipient opens the campaign: its pixel, fetched as a mail client would, stores a tracked event. */
    private void open(UUID clientId) {
        hits.open(pixelOf(clientId), "GET", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Thunderbird/128.0");
    }

    /** The open pixel's token in the client's first campaign message. */
    private String pixelOf(UUID clientId) {
        String raw = scope.asPlatform(() -> jdbc.sql("select raw from outbox_messages where client_id = :c and campaign_id is not null")
                .param("c", clientId).query(String.class).list().get(0));
        try {
            var message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            var parts = (jakarta.mail.internet.MimeMultipart) message.getContent();
            StringBuilder bodies = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                bodies.append(parts.getBodyPart(i).getContent());
            }
            Matcher pixel = Pattern.compile("/t/o/([^\"'\\s>]+)").matcher(bodies);
            assertThat(pixel.find()).as("an open pixel in the campaign").isTrue();
            return pixel.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String tokenMailedTo(String email) throws Exception {
        List<String> raws = scope.asPlatform(() -> jdbc.sql("select raw from outbox_messages where recipient = :to "
                + "and kind = 'termination-export' and client_id is null").param("to", email).query(String.class).list());
        assertThat(raws).hasSize(1);
        var message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raws.get(0).getBytes(StandardCharsets.UTF_8)));
        String text = (String) message.getContent();
        assertThat(text).contains("terminated").contains("sha256sum -c SHA256SUMS");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a link in " + text).isTrue();
        return link.group(1);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String operatorKey() {
        return "Bearer " + Fixtures.OPERATOR_KEY;
    }
}
