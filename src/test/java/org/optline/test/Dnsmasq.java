package org.optline.test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real DNS server for tests: Debian's dnsmasq ({@code dnsmasq-base}), answering on a loopback
 * port with the TXT records given, authoritative for {@code .test} (a name it has no record for
 * is NXDOMAIN) and asking nobody else. Long TXT strings are split into 255-byte strings by
 * dnsmasq itself, as a DKIM record of a 2048-bit key must be. Tests that need it carry
 * {@link Available}, which skips them with a message when dnsmasq is missing; {@code .ci/run}
 * installs it and fails if they were skipped. Name such classes {@code *Dns*Test}.
 */
public final class Dnsmasq implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Process process;
    private final Path pidFile;
    private final Path log;

    /** Starts dnsmasq on {@code port} (UDP and TCP, 127.0.0.1) with {@code txt}: name to the TXT texts at it. */
    public Dnsmasq(int port, Map<String, List<String>> txt) throws IOException {
        pidFile = Files.createTempFile("dnsmasq", ".pid");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--no-poll", "--local=/test/", "--local-ttl=300", "--listen-address=127.0.0.1",
                "--bind-interfaces", "--port=" + port, "--pid-file=" + pidFile, "--log-facility=-"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--user=root"); // it would switch to nobody, who may not read its own files here
        }
        txt.forEach((name, texts) -> texts.forEach(t -> {
            if (t.contains(",") || t.contains("\"")) {
                throw new IllegalArgumentException("a TXT text for this helper has no comma or quote: " + t);
            }
            command.add("--txt-record=" + name + "," + t);
        }));
        log = Files.createTempFile("dnsmasq", ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String said = Files.readString(log);
                    close();
                    throw new IOException("dnsmasq did not start on port " + port + ": " + said, e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException(ie);
                }
            }
        }
    }

    /** A loopback port free for both UDP and TCP now. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // the TCP port is in use: try another
                }
            }
        }
        throw new IOException("no loopback port free for UDP and TCP");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file
        }
    }

    /** Runs the tests when dnsmasq is installed; skips them with a message otherwise. */
    public static final class Available implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(BINARY)) {
                return ConditionEvaluationResult.enabled(BINARY + " is installed");
            }
            String reason = "DNS tests skipped: install dnsmasq (Debian: apt-get install dnsmasq-base) to run them";
            if (WARNED.compareAndSet(false, true)) {
                System.out.println("[WARNING] " + reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
