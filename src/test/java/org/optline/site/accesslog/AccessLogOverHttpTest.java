package org.optline.site.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optline.platform.TenantScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * The access log behind the real HTTP port: a visitor connecting from 127.0.0.77 (any address
 * of 127/8 is this machine's on Linux) leaves its network, 127.0.0.0, and nowhere its address:
 * not in any text column of the database, not in the log. A visit with the JDK's client from
 * 127.0.0.1 is logged alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class AccessLogOverHttpTest {

    static final String VISITOR = "127.0.0.77";

    @LocalServerPort int port;
    @Autowired AccessLogWriter writer;
    @Autowired JdbcClient jdbc;
    @Autowired TenantScope scope;

    @Test
    void aVisitOverHttpLeavesTheNetworkAndNeverTheAddress(CapturedOutput output) throws Exception {
        // The context is shared with other tests on a real port: start from an empty log.
        writer.flush();
        scope.asPlatform(() -> jdbc.sql("delete from site_access_log").update());
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("org.optline.site", LogLevel.DEBUG);
        try {
            for (String path : List.of("/", "/s/unsubscribe/tok3n", "/s/preferences/tok3n", "/s/nothing/here", "/privacy")) {
                String answer = getFrom(VISITOR, path);
                assertThat(answer).startsWith("HTTP/1.1 ");
            }
            String home = RestClient.create().get().uri("http://127.0.0.1:" + port + "/").header("User-Agent", AccessLogContract.FIREFOX)
                    .retrieve().body(String.class);
            assertThat(home).contains("permission-statement");
            // The filter records once the response is written, which the client may see first.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                writer.flush();
                return scope.asPlatform(() -> jdbc.sql("select count(*) from site_access_log").query(Long.class).single()) == 6;
            });
        } finally {
            logging.setLogLevel("org.optline.site", null);
        }

        List<String> rows = scope.asPlatform(() -> jdbc.sql("select network || ' ' || browser || ' ' || path from site_access_log order by id")
                .query(String.class).list());
        assertThat(rows).containsExactly("127.0.0.0 Chrome /", "127.0.0.0 Chrome /s/unsubscribe/{token}",
                "127.0.0.0 Chrome /s/preferences/{token}", "127.0.0.0 Chrome /s/nothing/here", "127.0.0.0 Chrome /privacy",
                "127.0.0.0 Firefox /");
        assertThat(DatabaseScan.textColumnsHolding(jdbc, scope, VISITOR)).isEmpty();
        assertThat(DatabaseScan.textColumnsHolding(jdbc, scope, "127.0.0.0")).contains("site_access_log.network");
        assertThat(output.getAll()).contains("access log rows").doesNotContain(VISITOR);
    }

    /** A GET over a socket bound to {@code source}; answers the whole response. */
    private String getFrom(String source, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUser-Agent: " + AccessLogContract.CHROME
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
