package org.optline.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A client's sending domain, its DKIM selector, and the DNS records the client must publish. */
public record SendingDomain(UUID id, UUID clientId, String domain, String selector, List<DnsRecord> records,
                            OffsetDateTime createdAt, OffsetDateTime verifiedAt) {

    /** One record to publish. */
    public record DnsRecord(String purpose, String type, String name, String value) {}

    public String status() {
        return verifiedAt == null ? "unverified" : "verified";
    }
}
