package org.optline.campaign;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.optline.campaign.store.CampaignStore;
import org.optline.segment.CompiledSegment;
import org.optline.segment.Segments;
import org.springframework.stereotype.Component;

/** Who a campaign goes to, as SQL: its lists ∪, its segment ∩, minus suppressed and unconfirmed people. */
@Component
class RecipientQueries {

    private final CampaignStore store;
    private final Segments segments;

    RecipientQueries(CampaignStore store, Segments segments) {
        this.store = store;
        this.segments = segments;
    }

    CampaignDispatch.RecipientQuery of(Campaign c) {
        UUID clientId = c.clientId();
        String where = "s.client_id = :clientId";
        Map<String, Object> params = new LinkedHashMap<>(Map.of("clientId", clientId));
        if (c.segmentId() != null) {
            var segment = segments.find(clientId, c.segmentId());
            if (segment.isPresent()) {
                CompiledSegment compiled = segments.compile(clientId, segment.get().expression());
                where = compiled.where();
                params = new LinkedHashMap<>(compiled.params());
            }
        }
        return new CampaignDispatch.RecipientQuery(store.recipientsFrom(where), store.recipientParams(params, c.listIds()));
    }
}
