package org.optline.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optline.delivery.outbox.MimeComposer;

/**
 * Signatures are checked by verifiers that share no code with the signing path: jDKIM's verifier
 * and, where Debian's python3-dkim is installed (CI installs it), dkimpy, both given the public
 * key as the DNS TXT record the domain page tells clients to publish.
 */
class DkimSignerTest {

    static KeyPair keys;
    static String txtRecord;

    @BeforeAll
    static void keys() {
        TestDkimKeys generated = TestDkimKeys.generate();
        keys = generated.keys();
        txtRecord = generated.txtRecord();
    }

    static byte[] message(String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://optline.example/s/unsubscribe/abc>, <mailto:unsubscribe@bounces.example?subject=x>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Feedback-ID", "c1:k2:campaign:optline");
        headers.put("Reply-To", "News <r-AbCdEf012345@replies.example>");
        String raw = MimeComposer.compose("<m1@news.example.com>", "Ünïcode News", "news@news.example.com",
                "ann@example.org", subject, "Hello Ann,\n\nA line with trailing spaces   \n\n\n",
                "<p>Hello <b>Ann</b></p>\n<p>" + "x".repeat(200) + "</p>", Instant.parse("2026-11-29T08:00:00Z"), headers);
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    static DkimSigner signer() {
        return new DkimSigner("news.example.com", "opl202611", keys.getPrivate());
    }

    static List<SignatureRecord> verifyWithJdkim(byte[] message) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("opl202611");
            assertThat(domain.toString()).isEqualTo("news.example.com");
            return List.of(txtRecord);
        });
        return verifier.verify(new ByteArrayInputStream(message));
    }

    @Test
    void aSignedMessageVerifiesWithTheListAndFeedbackHeadersSigned() throws Exception {
        byte[] signed = signer().sign(message("Your November news"));
        String head = new String(signed, 0, 600, StandardCharsets.US_ASCII);
        assertThat(head).startsWith("DKIM-Signature:").contains("a=rsa-sha256").contains("c=relaxed/relaxed")
                .contains("d=news.example.com").contains("s=opl202611");

        List<SignatureRecord> records = verifyWithJdkim(signed);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getHeaders()).map(CharSequence::toString)
                .containsSubsequence("from", "from", "subject", "subject")
                .contains("list-unsubscribe", "list-unsubscribe-post", "feedback-id", "message-id", "date", "to", "reply-to");
    }

    @Test
    void aChangedSubjectOrAnAddedFromBreaksTheSignature() {
        String signed = new String(signer().sign(message("Original subject")), StandardCharsets.UTF_8);
        byte[] tampered = signed.replace("Subject: Original subject", "Subject: Changed subject").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifyWithJdkim(tampered)).isInstanceOf(FailException.class);

        // Over-signing: a second From added in transit is not covered, so verification fails.
        byte[] extraFrom = signed.replaceFirst("\r\nFrom: ", "\r\nFrom: evil@attacker.example\r\nFrom: ").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifyWithJdkim(extraFrom)).isInstanceOf(FailException.class);

        // Reply-To routes replies (and unsubscribe requests) back to the platform: signed too.
        byte[] otherReplyTo = signed.replace("r-AbCdEf012345@replies.example", "collector@attacker.example")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifyWithJdkim(otherReplyTo)).isInstanceOf(FailException.class);
    }

    @Test
    void dkimpyAgreesThatTheSignatureIsValid(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && dkimpyInstalled(),
                "Debian's python3-dkim is not installed; skipping the dkimpy cross-check");
        Path message = dir.resolve("signed.eml");
        Files.write(message, signer().sign(message("Checked by dkimpy")));
        Path script = dir.resolve("verify.py");
        Files.writeString(script, String.join("\n",
                "import sys, dkim",
                "record = sys.argv[2].encode()",
                "def dns(name, timeout=5):",
                "    assert name == b'opl202611._domainkey.news.example.com.', name",
                "    return record",
                "ok = dkim.verify(open(sys.argv[1], 'rb').read(), dnsfunc=dns)",
                "print('pass' if ok else 'fail')",
                "sys.exit(0 if ok else 1)", ""));
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString(), message.toString(), txtRecord)
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output.strip()).isEqualTo("pass");
        assertThat(process.exitValue()).isZero();
    }

    static boolean dkimpyInstalled() throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import dkim").redirectErrorStream(true).start();
        return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }
}
