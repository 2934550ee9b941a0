package org.optline.delivery.domains;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a sending domain has published: the DKIM record at {@code <selector>._domainkey.<domain>}
 * must carry our public key (its {@code p=} tag, blanks ignored); SPF ({@code v=spf1} at the
 * domain) and DMARC ({@code v=DMARC1} at {@code _dmarc.<domain>}) are reported as advice.
 * Each finding is {@code published}, {@code missing}, {@code different} (a DKIM record with
 * another key) or {@code unanswered} (the resolver gave no answer).
 */
@Component
public class DomainChecks {

    public static final String PUBLISHED = "published";
    public static final String MISSING = "missing";
    public static final String DIFFERENT = "different";
    public static final String UNANSWERED = "unanswered";

    /** One check's findings. */
    public record Findings(String dkim, String spf, String dmarc) {}

    private final DnsRecords dns;

    public DomainChecks(DnsRecords dns) {
        this.dns = dns;
    }

    /** Where a domain's DKIM key is published: {@code <selector>._domainkey.<domain>}. */
    public static String dkimName(String selector, String domain) {
        return selector + "._domainkey." + domain;
    }

    public Findings check(String domain, String selector, String publicKey) {
        String dkim;
        try {
            List<String> texts = dns.txt(dkimName(selector, domain)).texts();
            dkim = texts.isEmpty() ? MISSING : texts.stream().anyMatch(t -> publicKey.equals(tag(t, "p"))) ? PUBLISHED : DIFFERENT;
        } catch (DnsRecords.Unanswered e) {
            dkim = UNANSWERED;
        }
        return new Findings(dkim, present(domain, "v=spf1"), present("_dmarc." + domain, "v=DMARC1"));
    }

    /** Whether a TXT record at {@code name} starts with {@code version} (then a blank, a semicolon or nothing). */
    private String present(String name, String version) {
        try {
            return dns.txt(name).texts().stream().anyMatch(t -> startsWithVersion(t, version)) ? PUBLISHED : MISSING;
        } catch (DnsRecords.Unanswered e) {
            return UNANSWERED;
        }
    }

    private static boolean startsWithVersion(String text, String version) {
        String t = text.strip();
        return t.regionMatches(true, 0, version, 0, version.length())
                && (t.length() == version.length() || " ;\t".indexOf(t.charAt(version.length())) >= 0);
    }

    /** A tag's value in a DKIM key record ({@code tag=value; …}, RFC 6376 3.2), blanks removed; null when absent. */
    static String tag(String record, String name) {
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) { // tag names are case-sensitive (RFC 6376 3.2)
                return part.substring(eq + 1).replaceAll("[ \\t\\r\\n]", "");
            }
        }
        return null;
    }
}
