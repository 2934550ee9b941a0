package org.optline.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optline.test.Checked;
import org.optline.test.Texts;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Relaxed canonicalisation is where signers and verifiers disagree in practice: header values with
 * runs of blanks, tabs, folding, blanks around the colon, names in any case, bodies with trailing
 * blanks and empty lines. Whatever the message, jDKIM's verifier (no code shared with the signer's
 * header half) accepts the signature.
 */
class DkimSignerProperties {

    static KeyPair keys;
    static String txtRecord;

    @BeforeAll
    static void keys() {
        TestDkimKeys generated = TestDkimKeys.generate();
        keys = generated.keys();
        txtRecord = generated.txtRecord();
    }

    private static Gen<String> values() {
        return Texts.fitting(Texts.joined(Generate.oneOf(Texts.ofChars("ab Z9.=<>@;\t", 1, 30),
                        Texts.oneOf("\r\n\t", "\r\n ", "  ", "\t\t", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=")), 1, 6),
                v -> !v.startsWith("\r\n") && !v.endsWith("\r\n\t") && !v.endsWith("\r\n ") && !v.strip().isEmpty());
    }

    private static Gen<String> bodies() {
        return Texts.joined(Generate.oneOf(Texts.ofChars("xyz .=-\t", 0, 40), Texts.oneOf("\r\n", "\r\n\r\n", "  \r\n")), 0, 20);
    }

    private static Gen<String> names() {
        return Texts.oneOf("Subject", "SUBJECT", "subject", "Subject ", "Subject\t");
    }

    @Test
    void anyHeaderAndBodyVerify() {
        qt().withExamples(200).forAll(values(), values(), names(), bodies()).checkAssert((from, subject, subjectName, body) ->
                Checked.run(() -> {
                    String message = "From: " + from + "\r\n" + subjectName + ":" + subject + "\r\nTo: ann@example.org\r\n"
                            + "Date: Sun, 29 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n\r\n" + body;
                    byte[] signed = new DkimSigner("news.example.com", "sel1", keys.getPrivate())
                            .sign(message.getBytes(StandardCharsets.UTF_8));
                    DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(txtRecord));
                    List<SignatureRecord> records = verifier.verify(new ByteArrayInputStream(signed));
                    assertThat(records).hasSize(1);
                }));
    }

    @Test
    void relaxedHeaderCanonicalFormFollowsRfc6376() {
        // RFC 6376 3.4.5's example, header half: "A: X" and "B : Y\t\r\n\tZ  " become "a:X" and "b:Y Z".
        assertThat(new String(DkimSigner.relaxed("A: X"), StandardCharsets.ISO_8859_1)).isEqualTo("a:X");
        assertThat(new String(DkimSigner.relaxed("B : Y\t\r\n\tZ  "), StandardCharsets.ISO_8859_1)).isEqualTo("b:Y Z");
    }
}
