package org.optline.inbound;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.optline.test.ChildJvm;

/**
 * A whole Optline in its own JVM (the test class path, {@link InboundTestNode}: the real main
 * class plus the inbound test doubles) with its SMTP listener on a free port, so that a test can
 * deliver mail to it and kill it with SIGKILL in the middle.
 */
final class InboundNode implements AutoCloseable {

    private final ChildJvm jvm;
    private final int smtpPort;

    InboundNode(String url, String user, Path dir, String name) throws IOException {
        this.smtpPort = ChildJvm.freePort();
        this.jvm = ChildJvm.start(InboundTestNode.class.getName(), ChildJvm.freePort(), List.of(
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
                "--logging.level.root=WARN"), dir.resolve(name + ".log"));
    }

    int smtpPort() {
        return smtpPort;
    }

    void awaitReady(Duration within) throws Exception {
        jvm.awaitReady(within);
    }

    /** SIGKILL: no shutdown hooks, no chance to write or process what is queued. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
