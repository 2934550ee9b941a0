package org.optline.delivery.queue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.optline.campaign.Campaigns;
import org.optline.platform.Actor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/campaigns/{id}/delivery}: the send queue's counts per state, by wire name; states with none left out. */
@RestController
class DeliveryApi {

    record DeliveryJson(String status, Map<String, Long> counts) {}

    private final Campaigns campaigns;
    private final QueueProgress progress;

    DeliveryApi(Campaigns campaigns, QueueProgress progress) {
        this.campaigns = campaigns;
        this.progress = progress;
    }

    @GetMapping("/api/v1/campaigns/{id}/delivery")
    DeliveryJson delivery(Actor actor, @PathVariable UUID id) {
        var campaign = campaigns.get(actor, id); // 404 for another client's campaign
        Map<String, Long> counts = new LinkedHashMap<>();
        progress.counts(campaign.clientId(), id).byState().forEach((state, n) -> counts.put(state.wireName(), n));
        return new DeliveryJson(campaign.status().wireName(), counts);
    }
}
