package org.optline.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A client's sending domain, its DKIM selector, the DNS records the client must publish, and what
 * the last DNS check found ({@link Checks}, null before the first). {@code claimed} is false only
 * for a name another client had added first, before names were claimed: such a domain never signs,
 * verifies or sends through a relay.
 */
public record SendingDomain(UUID id, UUID clientId, String domain, String selector, List<DnsRecord> records,
                            OffsetDateTime createdAt, OffsetDateTime verifiedAt, boolean claimed, Checks checks) {

    /** One record to publish. */
    public record DnsRecord(String purpose, String type, String name, String value) {}

    /** The last DNS check: each record {@code published}, {@code missing}, {@code different} or {@code unanswered}. */
    public record Checks(OffsetDateTime checkedAt, String dkim, String spf, String dmarc) {}

    public String status() {
        return !claimed ? "claimed-elsewhere" : verifiedAt == null ? "unverified" : "verified";
    }
}
