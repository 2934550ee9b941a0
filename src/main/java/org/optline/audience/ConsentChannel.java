package org.optline.audience;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The way a consent act reached us ({@code consent_events.source_kind}; also the source of the
 * suppression an unsubscribe adds). The ledger stores, and the API answers, the wire name.
 */
public enum ConsentChannel {
    /** A subscription form. */
    FORM("form"),
    /** The link in a double opt-in confirmation mail. */
    CONFIRMATION("confirmation"),
    /** A CSV import, with the importer's attestation. */
    IMPORT("import"),
    /** The REST API, or a client's user in the app. */
    API("api"),
    /** The public preference centre. */
    PREFERENCES("preferences"),
    /** The unsubscribe page a person opened from a message. */
    UNSUBSCRIBE("unsubscribe"),
    /** A mail client's {@code List-Unsubscribe-Post} (RFC 8058), no page shown. */
    ONE_CLICK("one-click"),
    /** A reply to a campaign that asked to be taken off (read by the inbound module). */
    REPLY("reply"),
    /** A mail to the {@code mailto:} address of a message's {@code List-Unsubscribe} header. */
    MAILTO("mailto"),
    /** A feedback-loop complaint (an ARF report from the recipient's mailbox provider). */
    COMPLAINT("complaint"),
    /**
     * The platform's own notices list ({@link NoticeAudience}): the address was put there, or
     * taken off, because it is (or is no longer) an active user or subscriber somewhere on the
     * platform. Not anyone's consent: the legal duty to inform, named in the row's consent text.
     */
    PLATFORM_NOTICE("platform-notice");

    private final String wireName;

    ConsentChannel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static ConsentChannel fromWire(String value) {
        for (ConsentChannel c : values()) {
            if (c.wireName.equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Not a consent channel: " + value);
    }
}
