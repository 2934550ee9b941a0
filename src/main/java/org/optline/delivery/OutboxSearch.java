package org.optline.delivery;

import java.util.List;
import java.util.UUID;

/**
 * What the outbox is searched for; a null or blank part matches everything: part of the
 * recipient's address (any case), a campaign, a kind of mail ({@link #KINDS}).
 */
public record OutboxSearch(String recipient, UUID campaignId, String kind) {

    /** Every message. */
    public static final OutboxSearch ANY = new OutboxSearch(null, null, null);

    /** The kinds of mail the outbox holds: campaign sends, test sends, subscription confirmations. */
    public static final List<String> KINDS = List.of("campaign", "test", "confirmation", "reply-forward");

    public OutboxSearch {
        recipient = recipient == null || recipient.isBlank() ? null : recipient.strip();
        kind = kind == null || kind.isBlank() ? null : kind.strip();
    }

    /** Whether any part narrows the search. */
    public boolean narrows() {
        return recipient != null || campaignId != null || kind != null;
    }
}
