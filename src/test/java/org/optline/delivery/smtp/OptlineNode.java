package org.optline.delivery.smtp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optline.test.ChildJvm;

/**
 * A whole Optline in its own JVM (the test class path, the real main class), so a test can kill
 * it with SIGKILL and run several side by side on one PostgreSQL database, as in production.
 */
final class OptlineNode implements AutoCloseable {

    static final String OPERATOR_KEY = "opl_node_test_operator_key_0123456789";
    static final String SECRETS_KEY = "bm9kZSB0ZXN0IHNlY3JldHMga2V5LCAzMiBieXRlcy4=";

    private final ChildJvm jvm;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OptlineNode(String name, Map<String, Object> database, int smtpPort, Path dir, Map<String, String> extra) throws IOException {
        this.port = LoopbackPorts.free();
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.get("spring.datasource.url"),
                "--spring.datasource.username=" + database.get("spring.datasource.username"),
                "--spring.datasource.password=",
                "--optline.operator.api-key=" + OPERATOR_KEY,
                "--optline.operator.password=node test operator password",
                "--optline.data-dir=" + dir.resolve(name + "-data"),
                "--optline.secrets.key=" + SECRETS_KEY, // nodes of one database share it
                "--optline.delivery.transport=smtp",
                "--optline.delivery.smtp.host=127.0.0.1",
                "--optline.delivery.smtp.port=" + smtpPort,
                "--optline.delivery.smtp.helo-name=" + name,
                "--optline.delivery.poll-ms=200",
                "--optline.inbound.port=0", // several nodes on one machine: any free port
                "--logging.level.root=WARN", "--logging.level.org.optline.delivery.queue=DEBUG"));
        extra.forEach((k, v) -> arguments.add("--" + k + "=" + v));
        this.jvm = ChildJvm.start("org.optline.OptlineApplication", port, arguments, dir.resolve(name + ".log"));
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

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** SIGKILL: no shutdown hooks, no chance to settle what is in flight. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
