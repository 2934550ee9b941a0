package org.optline.inbound;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole Optline in its own JVM (the test class path, {@link InboundTestNode}: the real main
 * class plus the inbound test doubles) with its SMTP listener on a free port, so that a test can
 * deliver mail to it and kill it with SIGKILL in the middle.
 */
final class InboundNode implements AutoCloseable {

    private final Process process;
    private final int httpPort;
    private final int smtpPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    InboundNode(String url, String user, Path dir, String name) throws IOException {
        this.httpPort = freePort();
        this.smtpPort = freePort();
        this.log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), InboundTestNode.class.getName(),
                "--server.port=" + httpPort,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=",
                "--optline.operator.password=inbound node test operator password",
                "--optline.data-dir=" + dir.resolve("data"),
                "--optline.secrets.key=aW5ib3VuZCBub2RlIHRlc3Qga2V5LCAzMiBieXRlcyE=",
                "--optline.inbound.port=" + smtpPort,
                "--optline.inbound.processing.first-retry=200ms",
                // What the killed node had claimed is due again this soon (the default is minutes).
                "--optline.inbound.processing.lease=5s",
                "--logging.level.root=WARN"));
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    int smtpPort() {
        return smtpPort;
    }

    void awaitReady(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited early:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("node not ready in " + within + ":\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hooks, no chance to write or process what is queued. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
