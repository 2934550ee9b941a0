package org.optline.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
import org.optline.delivery.outbox.MimeComposer;

/**
 * Building one personalised message's MIME: Optline's composer against the same message
 * built through Jakarta Mail's object model ({@code MimeMessage}, {@code MimeMultipart}, two
 * quoted-printable parts, written to a byte array), which is how Optline built it until 11e5b06
 * (2026-11-29). The message is the send benchmark's: about 5 KB, a text and an HTML part, the list
 * and feedback headers. The reference has the tuning Optline's Jakarta Mail path had: the stream
 * provider named up front, the Date header formatted without {@code SimpleDateFormat},
 * quoted-printable named, and an output array without locks. Run with {@code bash bench/build.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ComposeBenchmark {

    private static final Session SESSION = Session.getInstance(new Properties());
    private final Instant date = Instant.parse("2026-11-29T10:00:00Z");
    private String html;
    private String text;
    private Map<String, String> headers;
    private int n;

    @Setup
    public void setUp() {
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        String paragraph = "<p>Dear Reader, here is what is new in Germany this week. "
                + "Our spring collection has arrived with shoes, boots and sandals for every season and occasion. ".repeat(2)
                + "</p>\n";
        html = "<h1>Hello Reader</h1>\n" + paragraph.repeat(7);
        text = html.replace("<p>", "").replace("</p>", "").replace("<h1>", "").replace("</h1>", "");
        headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://optline.example/s/unsubscribe/QQ12345.sig>, "
                + "<mailto:unsubscribe@bounces.optline.example?subject=unsubscribe%20QQ12345.sig>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Feedback-ID", "1a2b3c4d:5e6f7a8b:campaign:optline");
    }

    @Benchmark
    public byte[] optline() {
        int i = n++;
        return MimeComposer.composeBytes("<" + i + "@bench-shop.de>", "Bench Shop", "news@bench-shop.de",
                "reader" + i + "@example.org", "News for Reader " + i, text, html, date, headers);
    }

    @Benchmark
    public byte[] jakartaMail() throws MessagingException, IOException {
        int i = n++;
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress("news@bench-shop.de", "Bench Shop", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader" + i + "@example.org", true));
        message.setSubject("News for Reader " + i, "UTF-8");
        message.setHeader("Date", DATE.format(date));
        for (var header : headers.entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        plain.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        rich.setHeader("Content-Transfer-Encoding", "quoted-printable");
        message.setContent(new MimeMultipart("alternative", plain, rich));
        message.saveChanges();
        UnlockedBytes out = new UnlockedBytes();
        message.writeTo(out);
        return Arrays.copyOf(out.buf, out.size);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final class UnlockedBytes extends OutputStream {
        byte[] buf = new byte[8192];
        int size;

        @Override
        public void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }
    }
}
