package org.optline.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of address normalisation: total, idempotent, case-insensitive keys, lower-case domains. */
class EmailAddressProperties {

    @Provide
    Arbitrary<String> addresses() {
        Arbitrary<String> local = Arbitraries.strings().withChars("abcXYZ019._-+").ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.startsWith(".") && !s.endsWith(".") && !s.contains(".."));
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdEFGH0123").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> tld = Arbitraries.of("com", "DE", "org", "Net", "io", "shop");
        return Combinators.combine(local, label.list().ofMinSize(1).ofMaxSize(3), tld)
                .as((l, labels, t) -> l + "@" + String.join(".", labels) + "." + t);
    }

    @Property
    void validAddressesParseAndKeepTheirLocalPart(@ForAll("addresses") String raw) {
        EmailAddress.Parse parse = EmailAddress.parse("  " + raw + "\t");
        assertThat(parse.ok()).as(raw).isTrue();
        EmailAddress email = parse.address();
        assertThat(email.value().substring(0, email.value().lastIndexOf('@'))).isEqualTo(raw.substring(0, raw.lastIndexOf('@')));
        assertThat(email.domain()).isEqualTo(email.domain().toLowerCase(Locale.ROOT));
    }

    @Property
    void normalisingIsIdempotent(@ForAll("addresses") String raw) {
        EmailAddress once = EmailAddress.parse(raw).address();
        assertThat(EmailAddress.parse(once.value()).address()).isEqualTo(once);
    }

    @Property
    void addressesDifferingOnlyInCaseShareAKeyAndHash(@ForAll("addresses") String raw) {
        EmailAddress lower = EmailAddress.parse(raw.toLowerCase(Locale.ROOT)).address();
        EmailAddress upper = EmailAddress.parse(raw.toUpperCase(Locale.ROOT)).address();
        assertThat(upper.key()).isEqualTo(lower.key());
        assertThat(upper.hash()).isEqualTo(lower.hash()).hasSize(64);
    }

    @Property(tries = 2000)
    void anyTextEitherParsesCleanlyOrSaysWhy(@ForAll String raw) {
        EmailAddress.Parse parse = EmailAddress.parse(raw);
        if (parse.ok()) {
            assertThat(parse.address().value()).doesNotContainAnyWhitespaces().containsOnlyOnce("@");
        } else {
            assertThat(parse.error()).isNotBlank();
        }
    }

    @Example
    void internationalDomainsBecomePunycode() {
        assertThat(EmailAddress.parse("Joerg@Bücher.DE").address().value()).isEqualTo("Joerg@xn--bcher-kva.de");
        assertThat(EmailAddress.parse("jörg@bücher.de").ok()).as("non-ASCII local parts need SMTPUTF8").isFalse();
    }

    @Example
    void obviousJunkIsRejected() {
        for (String junk : new String[] {"", "a", "a@", "@b.com", "a@b", "a@@b.com", "a b@c.com", "a@b..com", "a@-b.com",
                "a@b.c0m", ".a@b.com", "a.@b.com"}) {
            assertThat(EmailAddress.parse(junk).ok()).as(junk).isFalse();
        }
    }

    @Example
    void roleAndReservedAddressesAreFlagged() {
        assertThat(EmailAddress.parse("postmaster@shop.de").address().concern()).isPresent();
        assertThat(EmailAddress.parse("someone@example.com").address().concern()).isPresent();
        assertThat(EmailAddress.parse("someone@shop.test").address().concern()).isPresent();
        assertThat(EmailAddress.parse("anna@shop.de").address().concern()).isEmpty();
    }
}
