package org.optline.inbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.inbound.actions.ActionStore;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/**
 * What inbound mail recorded about one subscriber of one client: the bounces and complaints
 * matched to it and the replies kept for the client (newest first, {@link #LIMIT} of each at
 * most). For a legal disclosure; read in the client's own scope.
 */
@Service
public class InboundRecords {

    /** Entries of each kind at most: far more than a person's mail ever brings back. */
    public static final int LIMIT = 500;

    private final ActionStore store;
    private final TenantScope scope;

    InboundRecords(ActionStore store, TenantScope scope) {
        this.store = store;
        this.scope = scope;
    }

    /**
     * {@code bounces}, {@code complaints} and {@code replies}, each a list of field maps; all empty
     * without a subscriber (inbound mail is recorded only for a matched subscriber).
     */
    public Map<String, Object> heldAbout(UUID clientId, UUID subscriberId) {
        if (subscriberId == null) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("bounces", List.of());
            none.put("complaints", List.of());
            none.put("replies", List.of());
            return none;
        }
        return scope.inClient(clientId, () -> {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("bounces", store.bouncesOf(clientId, subscriberId, LIMIT).stream().map(b -> fields(
                    "id", b.id(), "campaignId", b.campaignId(), "inboundMessageId", b.inboundMessageId(), "hard", b.hard(),
                    "senderBlamed", b.senderBlamed(), "suppressed", b.suppressed(), "status", b.status(),
                    "diagnostic", b.diagnostic(), "receivedAt", b.receivedAt())).toList());
            all.put("complaints", store.complaintsOf(clientId, subscriberId, LIMIT).stream().map(c -> fields(
                    "id", c.id(), "campaignId", c.campaignId(), "inboundMessageId", c.inboundMessageId(),
                    "feedbackType", c.feedbackType(), "userAgent", c.userAgent(), "report", c.report(),
                    "receivedAt", c.receivedAt())).toList());
            all.put("replies", store.repliesOf(clientId, subscriberId, LIMIT).stream().map(r -> fields(
                    "id", r.id(), "campaignId", r.campaignId(), "from", r.fromAddress(), "subject", r.subject(),
                    "text", r.textBody(), "receivedAt", r.receivedAt(), "forwardedTo", r.forwardedTo(),
                    "forwardedAt", r.forwardedAt())).toList());
            return all;
        });
    }

    /** Name, value, name, value … as an ordered map; ids and times as text, absent values as null. */
    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            m.put((String) pairs[i], v == null || v instanceof Boolean ? v : v.toString());
        }
        return m;
    }
}
