package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.optline.test.Texts;
import org.quicktheories.core.Gen;

/** Properties of address normalisation: total, idempotent, case-insensitive keys, lower-case domains. */
class EmailAddressProperties {

    private static Gen<String> addresses() {
        Gen<String> local = Texts.fitting(Texts.ofChars("abcXYZ019._-+", 1, 20),
                s -> !s.startsWith(".") && !s.endsWith(".") && !s.contains(".."));
        Gen<String> label = Texts.ofChars("abcdEFGH0123", 1, 12);
        Gen<String> tld = Texts.oneOf("com", "DE", "org", "Net", "io", "shop");
        return local.zip(lists().of(label).ofSizeBetween(1, 3), tld,
                (l, labels, t) -> l + "@" + String.join(".", labels) + "." + t);
    }

    @Test
    void validAddressesParseAndKeepTheirLocalPart() {
        qt().withExamples(1000).forAll(addresses()).checkAssert(raw -> {
            EmailAddress.Parse parse = EmailAddress.parse("  " + raw + "\t");
            assertThat(parse.ok()).as(raw).isTrue();
            EmailAddress email = parse.address();
            assertThat(email.value().substring(0, email.value().lastIndexOf('@'))).isEqualTo(raw.substring(0, raw.lastIndexOf('@')));
            assertThat(email.domain()).isEqualTo(email.domain().toLowerCase(Locale.ROOT));
        });
    }

    @Test
    void normalisingIsIdempotent() {
        qt().withExamples(1000).forAll(addresses()).checkAssert(raw -> {
            EmailAddress once = EmailAddress.parse(raw).address();
            assertThat(EmailAddress.parse(once.value()).address()).isEqualTo(once);
        });
    }

    @Test
    void addressesDifferingOnlyInCaseShareAKeyAndHash() {
        qt().withExamples(1000).forAll(addresses()).checkAssert(raw -> {
            EmailAddress lower = EmailAddress.parse(raw.toLowerCase(Locale.ROOT)).address();
            EmailAddress upper = EmailAddress.parse(raw.toUpperCase(Locale.ROOT)).address();
            assertThat(upper.key()).isEqualTo(lower.key());
            assertThat(upper.hash()).isEqualTo(lower.hash()).hasSize(64);
        });
    }

    @Test
    void anyTextEitherParsesCleanlyOrSaysWhy() {
        qt().withExamples(2000).forAll(Texts.any()).checkAssert(raw -> {
            EmailAddress.Parse parse = EmailAddress.parse(raw);
            if (parse.ok()) {
                assertThat(parse.address().value()).doesNotContainAnyWhitespaces().containsOnlyOnce("@");
            } else {
                assertThat(parse.error()).isNotBlank();
            }
        });
    }

    @Test
    void internationalDomainsBecomePunycode() {
        assertThat(EmailAddress.parse("Joerg@Bücher.DE").address().value()).isEqualTo("Joerg@xn--bcher-kva.de");
        assertThat(EmailAddress.parse("jörg@bücher.de").ok()).as("non-ASCII local parts need SMTPUTF8").isFalse();
    }

    @Test
    void obviousJunkIsRejected() {
        for (String junk : new String[] {"", "a", "a@", "@b.com", "a@b", "a@@b.com", "a b@c.com", "a@b..com", "a@-b.com",
                "a@b.c0m", ".a@b.com", "a.@b.com"}) {
            assertThat(EmailAddress.parse(junk).ok()).as(junk).isFalse();
        }
    }

    @Test
    void roleAndReservedAddressesAreFlagged() {
        assertThat(EmailAddress.parse("postmaster@shop.de").address().concern()).isPresent();
        assertThat(EmailAddress.parse("someone@example.com").address().concern()).isPresent();
        assertThat(EmailAddress.parse("someone@shop.test").address().concern()).isPresent();
        assertThat(EmailAddress.parse("anna@shop.de").address().concern()).isEmpty();
    }
}
