package org.optline.bench;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.api.BodyHasher;
import org.apache.james.jdkim.api.Headers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.optline.delivery.dkim.DkimSigner;
import org.optline.delivery.dkim.TestDkimKeys;
import org.optline.delivery.outbox.MimeComposer;

/**
 * DKIM-signing one ~5 KB message, rsa-sha256 relaxed/relaxed over the same twelve header names,
 * with the same RSA provider: Optline's signer against Apache James jDKIM's signer driven the way
 * Optline drove it until 25445b6 (2026-11-29): its body hasher and
 * {@code sign(Headers, BodyHasher)}, the header list split by hand, so without jDKIM's mime4j
 * parse. Both include the RSA operation, so
 * the difference is what each does in Java around it. Run with {@code bash bench/build.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SignBenchmark {

    private byte[] message;
    private DkimSigner optline;
    private DKIMSigner jdkim;
    private String template;

    @Setup
    public void setUp() throws Exception {
        KeyPair keys = TestDkimKeys.generate().keys();
        String paragraph = "<p>Dear Reader, here is what is new in Germany this week. "
                + "Our spring collection has arrived with shoes, boots and sandals for every season and occasion. ".repeat(2)
                + "</p>\n";
        String html = "<h1>Hello Reader</h1>\n" + paragraph.repeat(7);
        message = MimeComposer.composeBytes("<1@bench-shop.de>", "Bench Shop", "news@bench-shop.de", "reader@example.org",
                "News for Reader", html.replace("<p>", "").replace("</p>", ""), html, Instant.parse("2026-11-29T10:00:00Z"),
                Map.of("List-Unsubscribe", "<https://optline.example/s/unsubscribe/QQ12345.sig>",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click", "Feedback-ID", "1a2b3c4d:5e6f7a8b:campaign:optline"));
        optline = new DkimSigner("bench-shop.de", "opl1", keys.getPrivate());
        template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=bench-shop.de; s=opl1; h="
                + String.join(":", DkimSigner.SIGNED_HEADERS) + "; bh=; b=;";
        jdkim = new DKIMSigner(template, keys.getPrivate());
    }

    @Benchmark
    public byte[] optline() {
        return optline.sign(message);
    }

    @Benchmark
    public String jdkim() throws Exception {
        int split = new String(message, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        BodyHasher body = jdkim.newBodyHasher(jdkim.newSignatureRecordTemplate(template));
        try (OutputStream out = body.getOutputStream()) {
            out.write(message, split + 4, message.length - split - 4);
        }
        return jdkim.sign(new SplitHeaders(new String(message, 0, split + 2, StandardCharsets.ISO_8859_1)), body);
    }

    /** The header fields by name, as jDKIM's {@code Headers} wants them. */
    private static final class SplitHeaders implements Headers {
        private final List<String> fields = new ArrayList<>();
        private final Map<String, List<String>> byName = new HashMap<>();

        SplitHeaders(String block) {
            for (String field : block.split("\r\n(?![ \t])")) {
                fields.add(field);
                byName.computeIfAbsent(field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT),
                        n -> new ArrayList<>()).add(field);
            }
        }

        @Override
        public List<String> getFields() {
            return fields;
        }

        @Override
        public List<String> getFields(String name) {
            return new ArrayList<>(byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        }
    }
}
