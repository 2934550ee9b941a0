package org.optline.site.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.optline.test.Fixtures;
import org.optline.test.StepClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The site's access log on a real database (H2 and PostgreSQL): what the filter records for which
 * paths, that no visitor's full address is left in any table or in the log, the retention purge on
 * a clock the test moves, the trends' figures, and their CSV export.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AccessLogContract {

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Safari/537.36";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";
    static final String IPV4 = "203.0.113.77";
    static final String IPV6 = "2001:db8:1234:5678::1";

    /** A row as stored, every column. */
    record Row(String method, String path, int status, long bytes, String referrerHost, String browser, String network,
               LocalDate day) {}

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired TenantScope scope;
    @Autowired AccessLogWriter writer;
    @Autowired AccessLogStore store;
    @Autowired AccessLogProperties settings;
    @Autowired SiteTrends trends;

    @BeforeEach
    void emptyTheLog() {
        writer.flush();
        scope.asPlatform(() -> jdbc.sql("delete from site_access_log").update());
    }

    private List<Row> rows() {
        writer.flush();
        return scope.asPlatform(() -> jdbc.sql("select * from site_access_log order by id")
                .query((rs, n) -> new Row(rs.getString("method"), rs.getString("path"), rs.getInt("status"), rs.getLong("bytes"),
                        rs.getString("referrer_host"), rs.getString("browser"), rs.getString("network"),
                        rs.getObject("visit_day", LocalDate.class)))
                .list());
    }

    private static MockHttpServletRequestBuilder visit(String path, String address, String userAgent) {
        return get(path).with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).header("User-Agent", userAgent);
    }

    @Test
    void theFilterRecordsTheRouteNetworkBrowserAndBytesOfSiteAndPublicPages() throws Exception {
        int home = mvc.perform(visit("/", IPV4, CHROME).header("Referer", "https://News.Example.org/story/42?who=someone")
                .queryParam("utm_source", "mail")).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray().length;
        int unsubscribe = mvc.perform(visit("/s/unsubscribe/NotAToken123abc", IPV6, FIREFOX)).andReturn().getResponse().getStatus();

        List<Row> rows = rows();
        assertThat(rows).hasSize(2);
        Row first = rows.get(0);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.path()).isEqualTo("/");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bytes()).isEqualTo(home).isPositive();
        assertThat(first.referrerHost()).isEqualTo("news.example.org");
        assertThat(first.browser()).isEqualTo("Chrome");
        assertThat(first.network()).isEqualTo("203.0.113.0");
        assertThat(first.day()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        Row second = rows.get(1);
        assertThat(second.path()).as("the token is left out").isEqualTo("/s/unsubscribe/{token}");
        assertThat(second.status()).isEqualTo(unsubscribe);
        assertThat(second.browser()).isEqualTo("Firefox");
        assertThat(second.network()).isEqualTo("2001:db8:1234::");
        assertThat(second.referrerHost()).isNull();
    }

    @Test
    void trackingTheAppTheApiStaticFilesAndActuatorAreNotLogged() throws Exception {
        for (String path : List.of("/t/o/whatever", "/login", "/dashboard", "/operator", "/api/v1/clients", "/css/optline.css",
                "/js/dashboard.js", "/webjars/chart.js/dist/chart.umd.js", "/actuator/health", "/favicon.ico", "/signup")) {
            mvc.perform(visit(path, IPV4, CHROME));
        }
        assertThat(rows()).isEmpty();
        mvc.perform(visit("/s/subscribe/00000000-0000-0000-0000-000000000000", IPV4, CHROME));
        assertThat(rows()).extracting(Row::path).containsExactly("/s/subscribe/{formId}");
    }

    @Test
    void forwardedHeadersAreNotTrustedWhereTheInstallationDidNotTurnThemOn() throws Exception {
        mvc.perform(visit("/", IPV4, CHROME).header("X-Forwarded-For", "198.51.100.23").header("Forwarded", "for=198.51.100.23"));
        assertThat(rows()).extracting(Row::network).containsExactly("203.0.113.0");
    }

    @Test
    void noFullAddressIsLeftInAnyTableOrInTheLog(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("org.optline.site", LogLevel.DEBUG);
        try {
            for (String address : List.of(IPV4, IPV6, "::ffff:" + IPV4)) {
                for (String path : List.of("/", "/?q=1", "/privacy", "/contact", "/abuse", "/s/unsubscribe/tok3n", "/s/preferences/tok3n",
                        "/s/preferences/tok3n/data", "/s/confirm/tok3n", "/s/view/tok3n",
                        "/s/subscribe/00000000-0000-0000-0000-000000000000", "/s/nothing/here")) {
                    mvc.perform(visit(path, address, CHROME).header("Referer", "http://" + IPV4 + "/from"));
                }
            }
            writer.flush();
        } finally {
            logging.setLogLevel("org.optline.site", null);
        }
        List<Row> rows = rows();
        assertThat(rows).hasSize(36);
        assertThat(rows).extracting(Row::network).containsOnly("203.0.113.0", "2001:db8:1234::");
        assertThat(rows).extracting(Row::referrerHost).containsOnly("203.0.113.0");

        List<String> full = List.of(IPV4, "1234:5678", "5678::1", "5678:0:0:0:0:1");
        for (String needle : full) {
            assertThat(textColumnsHolding(needle)).as("columns holding " + needle).isEmpty();
        }
        // The scan sees the log's table: the networks are there.
        assertThat(textColumnsHolding("203.0.113.0")).contains("site_access_log.network");
        assertThat(textColumnsHolding("2001:db8:1234::")).contains("site_access_log.network");

        assertThat(output.getAll()).as("the log was captured").contains("access log rows");
        for (String needle : full) {
            assertThat(output.getAll()).doesNotContain(needle);
        }
    }

    private List<String> textColumnsHolding(String needle) {
        return DatabaseScan.textColumnsHolding(jdbc, scope, needle);
    }

    @Test
    void thePurgeDeletesRowsOlderThanTheRetentionOnTheClock() {
        StepClock clock = new StepClock();
        OffsetDateTime now = Times.now(clock);
        Duration retention = settings.retention();
        assertThat(retention).isEqualTo(Duration.ofDays(90));
        scope.asPlatform(() -> store.insert(List.of(
                entry(now.minus(retention).minusHours(1), "/old"),
                entry(now.minus(retention).plusHours(1), "/edge"),
                entry(now.minusDays(1), "/new"))));
        AccessLogRetention retentionJob = new AccessLogRetention(store, scope, settings, clock);

        assertThat(retentionJob.purge()).isEqualTo(1);
        assertThat(rows()).extracting(Row::path).containsExactly("/edge", "/new");

        clock.advance(Duration.ofHours(2));
        assertThat(retentionJob.purge()).isEqualTo(1);
        assertThat(rows()).extracting(Row::path).containsExactly("/new");

        clock.advance(Duration.ofDays(88));
        assertThat(retentionJob.purge()).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(retentionJob.purge()).isEqualTo(1);
        assertThat(rows()).isEmpty();
    }

    @Test
    void thePurgeWorksThroughALargeBacklogInBatches() {
        OffsetDateTime old = Times.now(new StepClock()).minusDays(200);
        List<AccessEntry> many = new ArrayList<>();
        for (int i = 0; i < AccessLogRetention.BATCH + 7; i++) {
            many.add(entry(old.plusSeconds(i), "/old"));
        }
        scope.asPlatform(() -> store.insert(many));
        assertThat(new AccessLogRetention(store, scope, settings, new StepClock()).purge()).isEqualTo(AccessLogRetention.BATCH + 7);
        assertThat(rows()).isEmpty();
    }

    private static AccessEntry entry(OffsetDateTime at, String path) {
        return new AccessEntry(at, "GET", path, 200, 100, null, "Chrome", "203.0.113.0");
    }

    private static AccessEntry entry(LocalDate day, int hour, String path, int status, long bytes, String browser, String network,
                                     String referrer) {
        return new AccessEntry(day.atTime(hour, 30).atOffset(ZoneOffset.UTC), "GET", path, status, bytes, referrer, browser, network);
    }

    private void seedThreeDays(LocalDate d1) {
        LocalDate d2 = d1.plusDays(1);
        LocalDate d3 = d1.plusDays(3);
        scope.asPlatform(() -> store.insert(List.of(
                entry(d1, 0, "/", 200, 1000, "Chrome", "203.0.113.0", "news.example.org"),
                entry(d1, 23, "/", 200, 1000, "Chrome", "203.0.113.0", null),
                entry(d1, 12, "/s/unsubscribe/{token}", 200, 500, "Firefox", "2001:db8:1234::", null),
                entry(d1, 13, "/s/unsubscribe/{token}", 302, 0, "Firefox", "2001:db8:1234::", "mail.example.net"),
                entry(d2, 8, "/privacy", 404, 200, "Mobile Safari", "198.51.100.0", null),
                entry(d2, 9, "/privacy", 500, 300, "Mobile Safari", null, null),
                entry(d3, 10, "/", 200, 700, "Chrome", "203.0.113.0", "news.example.org"),
                // Outside the range: a day before it and a day after.
                entry(d1.minusDays(1), 10, "/", 200, 9999, "Chrome", "192.0.2.0", null),
                entry(d3.plusDays(1), 10, "/", 200, 9999, "Chrome", "192.0.2.0", null))));
    }

    @Test
    void theTrendsCountPerDayInTheDatabase() {
        LocalDate d1 = LocalDate.of(2026, 3, 1);
        seedThreeDays(d1);
        SiteTrends.Trends t = trends.of(Fixtures.operator(), new SiteTrends.Range(d1, d1.plusDays(3)));

        assertThat(t.requests()).isEqualTo(7);
        assertThat(t.networks()).as("distinct over the range, unknown ones not counted").isEqualTo(3);
        assertThat(t.bytes()).isEqualTo(3700);
        assertThat(t.days()).extracting(AccessLogStore.Day::day)
                .containsExactly(d1, d1.plusDays(1), d1.plusDays(2), d1.plusDays(3));
        assertThat(t.days()).containsExactly(
                new AccessLogStore.Day(d1, 4, 2, 2500, 3, 1, 0, 0),
                new AccessLogStore.Day(d1.plusDays(1), 2, 1, 500, 0, 0, 1, 1),
                AccessLogStore.Day.empty(d1.plusDays(2)),
                new AccessLogStore.Day(d1.plusDays(3), 1, 1, 700, 1, 0, 0, 0));
        assertThat(t.statuses()).containsExactly(new AccessLogStore.Count("2xx", 4), new AccessLogStore.Count("3xx", 1),
                new AccessLogStore.Count("4xx", 1), new AccessLogStore.Count("5xx", 1));
        assertThat(t.pages()).containsExactly(new AccessLogStore.Count("/", 3), new AccessLogStore.Count("/privacy", 2),
                new AccessLogStore.Count("/s/unsubscribe/{token}", 2));
        assertThat(t.browsers()).containsExactly(new AccessLogStore.Count("Chrome", 3), new AccessLogStore.Count("Firefox", 2),
                new AccessLogStore.Count("Mobile Safari", 2));
        assertThat(t.referrers()).containsExactly(new AccessLogStore.Count("news.example.org", 2),
                new AccessLogStore.Count("mail.example.net", 1));
    }

    private MockHttpSession operator() throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").userParameter("email").user(Fixtures.OPERATOR_EMAIL)
                .password(Fixtures.OPERATOR_PASSWORD)).andReturn().getRequest().getSession(false);
    }

    @Test
    void theExportHasADailyRowPerDayWithSpreadsheetSafeCells() throws Exception {
        LocalDate d1 = LocalDate.of(2026, 3, 1);
        seedThreeDays(d1);
        scope.asPlatform(() -> store.insert(List.of(
                entry(d1.plusDays(2), 1, "/", 200, 10, "=HYPERLINK(\"http://evil.example\")", "192.0.2.0", null),
                entry(d1.plusDays(2), 2, "/s/x,\"y\"", 200, 10, "=HYPERLINK(\"http://evil.example\")", "192.0.2.0", null))));
        MockHttpSession session = operator();
        byte[] body = mvc.perform(get("/operator/site-trends/export.csv").session(session)
                        .param("from", d1.toString()).param("to", d1.plusDays(3).toString()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"site-trends-2026-03-01-to-2026-03-04.csv\""))
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsByteArray();
        String csv = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("day,requests,networks,bytes,status_2xx,status_3xx,status_4xx,status_5xx,top_page,top_browser\r\n");
        List<List<String>> records = new ArrayList<>();
        for (CsvRecord r : CsvReader.builder().ofCsvRecord(csv)) {
            records.add(r.getFields());
        }
        assertThat(records).hasSize(5);
        assertThat(records.get(1)).containsExactly("2026-03-01", "4", "2", "2500", "3", "1", "0", "0", "/", "Chrome");
        assertThat(records.get(2).subList(0, 8)).containsExactly("2026-03-02", "2", "1", "500", "0", "0", "1", "1");
        assertThat(records.get(3)).containsExactly("2026-03-03", "2", "1", "20", "2", "0", "0", "0", "/",
                "'=HYPERLINK(\"http://evil.example\")");
        assertThat(records.get(4)).containsExactly("2026-03-04", "1", "1", "700", "1", "0", "0", "0", "/", "Chrome");

        mvc.perform(get("/operator/site-trends/export.csv").session(session).param("from", "2026-03-05").param("to", "2026-03-01"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void thePageShowsTheFiguresAndKeepsWhatWasTyped() throws Exception {
        LocalDate d1 = LocalDate.of(2026, 3, 1);
        seedThreeDays(d1);
        MockHttpSession session = operator();
        String page = mvc.perform(get("/operator/site-trends").session(session).param("from", "2026-03-01").param("to", "2026-03-04"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"total-requests\">7<", "/s/unsubscribe/{token}", "Mobile Safari", "news.example.org",
                "/operator/site-trends.json?from=2026-03-01&amp;to=2026-03-04", "/js/site-trends.js");
        String json = mvc.perform(get("/operator/site-trends.json").session(session).param("from", "2026-03-01").param("to", "2026-03-04"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"day\":\"2026-03-01\"", "\"requests\":7", "\"label\":\"Mobile Safari\"");

        String refused = mvc.perform(get("/operator/site-trends").session(session).param("from", "March").param("to", "2026-03-04"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"trends-error\"", "From must be a date like 2026-01-31.", "value=\"March\"");

        mvc.perform(get("/operator/site-trends").session(operatorlessSession())).andExpect(status().is3xxRedirection());
    }

    private MockHttpSession operatorlessSession() {
        return new MockHttpSession();
    }
}
