package org.optline.delivery.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optline.delivery.transport.Envelope;
import org.optline.delivery.transport.MailTransport;
import org.optline.delivery.transport.Outcome;

/** Small messages for transport tests, and batches sent side by side as the worker's lanes do. */
public final class TestEnvelopes {

    private TestEnvelopes() {}

    /** A tiny message to {@code address}, with fresh ids. */
    public static Envelope to(String address) {
        return new Envelope(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "b@bounces.example", address, "s",
                ("From: a@example.com\r\nTo: " + address + "\r\nSubject: s\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends every batch at the same time, one thread each; the outcomes in the batches' order. */
    public static List<List<Outcome>> sendAtOnce(MailTransport transport, List<List<Envelope>> batches) throws Exception {
        ExecutorService lanes = Executors.newFixedThreadPool(batches.size());
        try {
            List<Future<List<Outcome>>> running = new ArrayList<>();
            for (List<Envelope> batch : batches) {
                running.add(lanes.submit(() -> transport.send(batch)));
            }
            List<List<Outcome>> outcomes = new ArrayList<>();
            for (var r : running) {
                outcomes.add(r.get());
            }
            return outcomes;
        } finally {
            lanes.shutdownNow();
        }
    }
}
