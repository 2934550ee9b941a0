package org.optline.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optline.test.ChildJvm;

/**
 * A whole Optline in its own JVM (the test class path, the real main class), mail kept by the
 * capture transport, so that a test can read the tracking links of what it sent and then kill
 * the node with SIGKILL under load.
 */
final class TrackingNode implements AutoCloseable {

    static final String OPERATOR_KEY = "opl_tracking_node_operator_key_01234";

    private final ChildJvm jvm;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TrackingNode(String url, String user, Path dir) throws IOException {
        this.port = ChildJvm.freePort();
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=",
                "--optline.operator.api-key=" + OPERATOR_KEY,
                "--optline.operator.password=tracking node test operator password",
                "--optline.data-dir=" + dir.resolve("data"),
                "--optline.secrets.key=dHJhY2tpbmcgbm9kZSB0ZXN0IGtleSwgMzIgYnl0ZXM=",
                "--optline.delivery.poll-ms=200",
                "--optline.inbound.port=0", // several nodes on one machine: any free port
                "--logging.level.root=WARN"));
        this.jvm = ChildJvm.start("org.optline.OptlineApplication", port, arguments, dir.resolve("node.log"));
    }

    void awaitReady(Duration within) throws Exception {
        jvm.awaitReady(within);
    }

    HttpResponse<String> call(String method, String path, String key, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call that must succeed; answers the body. */
    String ok(String method, String path, String key, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = call(method, path, key, json);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** A click on a tracking link, as a mail reader's browser makes it; answers the status. */
    int click(String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/t/c/" + token)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0").build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** SIGKILL: no shutdown hooks, no chance to write what is queued. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
