package org.optline.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.optline.inbound.MailKind;
import org.optline.inbound.classify.Corpus.Expectation;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Whatever becomes of a corpus message on its way (cut short, bytes flipped, inserted or lost,
 * headers repeated, boundaries cut, lines megabytes long, too many headers, parts nested too
 * deep), the classifier answers, never throws, and what it answers is consistent.
 */
class MimeMailClassifierProperties {

    private static final List<Expectation> CORPUS = Corpus.expectations();
    private static final List<byte[]> MESSAGES = CORPUS.stream().map(e -> Corpus.bytes(e.file())).toList();
    private static final MimeMailClassifier CLASSIFIER = Corpus.classifier();
    private static final int MUTATIONS = 9;

    /** A corpus message, one to three mutations, and the seed that places them. */
    private record Damage(int message, int[] mutations, long seed) {

        @Override
        public String toString() {
            return CORPUS.get(message).file() + " " + Arrays.toString(mutations) + " seed " + seed;
        }
    }

    private static Gen<Damage> damages() {
        Gen<int[]> mutations = Generate.intArrays(Generate.range(1, 3), Generate.range(0, MUTATIONS - 1));
        return Generate.range(0, CORPUS.size() - 1)
                .zip(mutations, Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
                        (message, m, seed) -> new Damage(message, m, seed));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void damagedMailIsAlwaysAnsweredAndTheAnswerIsConsistent() {
        qt().withExamples(1500).withShrinkCycles(50).forAll(damages()).checkAssert(damage -> {
            byte[] raw = damaged(damage);
            Expectation expectation = CORPUS.get(damage.message());
            Classification got = CLASSIFIER.classify(raw, expectation.envelope());
            assertConsistent(got);
        });
    }

    @Test
    void arbitraryBytesAreAnsweredToo() {
        qt().withExamples(500).forAll(Generate.byteArrays(Generate.range(0, 4000), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)))
                .checkAssert(bytes -> assertConsistent(CLASSIFIER.classify(bytes, new InboundEnvelope("", List.of()))));
    }

    @Test
    void nothingAtAllIsUnknown() {
        assertThat(CLASSIFIER.classify(new byte[0], new InboundEnvelope("", List.of())).kind()).isEqualTo(MailKind.UNKNOWN);
        assertThat(CLASSIFIER.classify(null, null).kind()).isEqualTo(MailKind.UNKNOWN);
    }

    private static void assertConsistent(Classification got) {
        assertThat(got).isNotNull();
        assertThat(got.kind()).isNotNull();
        assertThat(got.rule()).isNotBlank();
        switch (got.kind()) {
            case HARD_BOUNCE -> assertThat(got.status()).startsWith("5.");
            case SOFT_BOUNCE -> assertThat(got.status()).startsWith("4.");
            case COMPLAINT -> {
                // A feedback report, or a reply whose words complain (then it reads like a reply).
                if (got.feedback() == null) {
                    assertThat(got.rule()).isEqualTo(ComplaintIntent.RULE);
                    assertThat(got.reply()).isNotNull();
                    assertThat(got.reply().from()).contains("@");
                    assertThat(got.reply().text()).hasSizeLessThanOrEqualTo(ReplyText.MAX_CHARS);
                }
            }
            case UNSUBSCRIBE_REQUEST, AUTO_REPLY, HUMAN_REPLY -> {
                assertThat(got.reply()).isNotNull();
                assertThat(got.reply().from()).contains("@");
                assertThat(got.reply().text()).hasSizeLessThanOrEqualTo(ReplyText.MAX_CHARS);
            }
            case UNKNOWN -> {
            }
        }
        if (got.recipient() != null) {
            assertThat(got.recipient()).contains("@");
        }
        if (got.diagnostic() != null) {
            assertThat(got.diagnostic()).hasSizeLessThanOrEqualTo(DeliveryStatusReports.MAX_DIAGNOSTIC);
        }
    }

    static byte[] damaged(Damage damage) {
        Random random = new Random(damage.seed());
        byte[] raw = MESSAGES.get(damage.message());
        for (int mutation : damage.mutations()) {
            raw = mutate(raw, mutation, random);
        }
        return raw;
    }

    private static byte[] mutate(byte[] raw, int mutation, Random random) {
        int at = raw.length == 0 ? 0 : random.nextInt(raw.length);
        return switch (mutation) {
            case 0 -> Arrays.copyOf(raw, at);
            case 1 -> flip(raw, random);
            case 2 -> splice(raw, at, at, randomBytes(random, 1 + random.nextInt(64)));
            case 3 -> splice(raw, at, Math.min(raw.length, at + 1 + random.nextInt(200)), new byte[0]);
            case 4 -> splice(raw, 0, 0, headerBlock(raw));
            case 5 -> cutBoundaries(raw, random);
            case 6 -> splice(raw, at, at, hugeLine(random));
            case 7 -> splice(raw, 0, 0, "X-Many: header\r\n".repeat(3000).getBytes(StandardCharsets.US_ASCII));
            default -> nest(raw, 60);
        };
    }

    private static byte[] flip(byte[] raw, Random random) {
        byte[] copy = raw.clone();
        for (int i = 0, n = 1 + random.nextInt(20); i < n && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The message's header block again, so every field comes twice (two Content-Types, two Froms). */
    private static byte[] headerBlock(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        return text.substring(0, end < 0 ? Math.min(text.length(), 500) : end + 1).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Boundary lines lose their dashes, or the closing one goes. */
    private static byte[] cutBoundaries(byte[] raw, Random random) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        String cut = random.nextBoolean() ? text.replaceAll("(?m)^--", "") : text.replaceAll("(?m)^(--\\S+)--\\s*$", "$1");
        return cut.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] hugeLine(Random random) {
        byte[] line = new byte[200_000 + random.nextInt(200_000)];
        Arrays.fill(line, (byte) ('A' + random.nextInt(26)));
        return line;
    }

    /** The message wrapped in multiparts {@code depth} deep. */
    private static byte[] nest(byte[] raw, int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            open.append("Content-Type: multipart/mixed; boundary=\"n").append(i).append("\"\r\n\r\n--n").append(i).append("\r\n");
            close.insert(0, "\r\n--n" + i + "--\r\n");
        }
        out.writeBytes(("From: someone@example.com\r\nMIME-Version: 1.0\r\n" + open).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(raw);
        out.writeBytes(close.toString().getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] splice(byte[] raw, int from, int to, byte[] insert) {
        byte[] out = new byte[raw.length - (to - from) + insert.length];
        System.arraycopy(raw, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(raw, to, out, from + insert.length, raw.length - to);
        return out;
    }
}
