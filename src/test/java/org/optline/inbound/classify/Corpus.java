package org.optline.inbound.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.optline.delivery.MailProperties;
import org.optline.inbound.MailKind;

/** The hand-written corpus of inbound mail under src/test/resources/org/optline/inbound/corpus and its expectations. */
final class Corpus {

    static final String DIRECTORY = "/org/optline/inbound/corpus/";

    /** One line of expected.tsv: a message, the envelope it comes with, and what it must be read as. */
    record Expectation(String file, String mailFrom, String rcptTo, MailKind kind, String recipient, String status, String rule) {

        InboundEnvelope envelope() {
            return new InboundEnvelope(mailFrom, List.of(rcptTo));
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private Corpus() {
    }

    static MimeMailClassifier classifier() {
        return new MimeMailClassifier(new MailProperties("no-reply@optline.local", "bounces.optline.local",
                "replies.optline.local"));
    }

    static List<Expectation> expectations() {
        return new String(bytes("expected.tsv"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(f -> new Expectation(f[0], f[1].equals("<>") ? "" : f[1], f[2], MailKind.fromWire(f[3]), dash(f[4]),
                        dash(f[5]), f[6]))
                .toList();
    }

    static Expectation expectation(String file) {
        return expectations().stream().filter(e -> e.file().equals(file)).findFirst().orElseThrow();
    }

    static byte[] bytes(String file) {
        try (InputStream in = Corpus.class.getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Classification classify(String file) {
        Expectation expectation = expectation(file);
        return classifier().classify(bytes(file), expectation.envelope());
    }

    private static String dash(String value) {
        return value.equals("-") ? null : value;
    }
}
