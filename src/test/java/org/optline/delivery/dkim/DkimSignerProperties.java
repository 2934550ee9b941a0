package org.optline.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;

/**
 * Relaxed canonicalisation is where signers and verifiers disagree in practice: header values with
 * runs of blanks, tabs, folding, blanks around the colon, names in any case, bodies with trailing
 * blanks and empty lines. Whatever the message, jDKIM's verifier (no code shared with the signer's
 * header half) accepts the signature.
 */
class DkimSignerProperties {

    static KeyPair keys;
    static String txtRecord;

    @BeforeContainer
    static void keys() {
        TestDkimKeys generated = TestDkimKeys.generate();
        keys = generated.keys();
        txtRecord = generated.txtRecord();
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab Z9.=<>@;\t").ofMinLength(1).ofMaxLength(30),
                        Arbitraries.of("\r\n\t", "\r\n ", "  ", "\t\t", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?="))
                .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts))
                .filter(v -> !v.startsWith("\r\n") && !v.endsWith("\r\n\t") && !v.endsWith("\r\n ") && !v.strip().isEmpty());
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("xyz .=-\t").ofMaxLength(40), Arbitraries.of("\r\n", "\r\n\r\n", "  \r\n"))
                .list().ofMaxSize(20).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("Subject", "SUBJECT", "subject", "Subject ", "Subject\t");
    }

    @Property(tries = 200)
    void anyHeaderAndBodyVerify(@ForAll("values") String from, @ForAll("values") String subject, @ForAll("names") String subjectName,
                                @ForAll("bodies") String body) throws Exception {
        String message = "From: " + from + "\r\n" + subjectName + ":" + subject + "\r\nTo: ann@example.org\r\n"
                + "Date: Sun, 29 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n\r\n" + body;
        byte[] signed = new DkimSigner("news.example.com", "sel1", keys.getPrivate()).sign(message.getBytes(StandardCharsets.UTF_8));
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(txtRecord));
        List<SignatureRecord> records = verifier.verify(new ByteArrayInputStream(signed));
        assertThat(records).hasSize(1);
    }

    @Example
    void relaxedHeaderCanonicalFormFollowsRfc6376() {
        // RFC 6376 3.4.5's example, header half: "A: X" and "B : Y\t\r\n\tZ  " become "a:X" and "b:Y Z".
        assertThat(new String(DkimSigner.relaxed("A: X"), StandardCharsets.ISO_8859_1)).isEqualTo("a:X");
        assertThat(new String(DkimSigner.relaxed("B : Y\t\r\n\tZ  "), StandardCharsets.ISO_8859_1)).isEqualTo("b:Y Z");
    }
}
