package org.optline.tracking.links;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.optline.platform.NamedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The campaigns tracking has started for and their numbered link targets. Written once per
 * campaign, by the first batch any node sends; read by the redirect. The redirect goes only to a
 * target stored here, never to an address taken from the request.
 */
@Repository
public class TrackedLinksStore {

    /** A tracked campaign: whose it is, and its targets by link number. */
    public record Targets(UUID clientId, List<String> urls) {}

    private final JdbcClient jdbc;
    private final NamedSql sql = NamedSql.forClass(TrackedLinksStore.class);

    TrackedLinksStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the campaign's targets unless it has some already, and answers the stored ones: nodes
     * starting the same campaign together compute the same table from the same content, and
     * whichever wrote first is what everybody uses from then on. Inside the client's scope.
     */
    public List<String> storeOnce(UUID clientId, UUID campaignId, List<String> urls, OffsetDateTime at) {
        int added = jdbc.sql(sql.get("insert-campaign")).param("campaignId", campaignId).param("clientId", clientId)
                .param("at", at).update();
        if (added == 1) {
            for (int i = 0; i < urls.size(); i++) {
                jdbc.sql(sql.get("insert-link")).param("campaignId", campaignId).param("clientId", clientId)
                        .param("link", i).param("url", urls.get(i)).update();
            }
        }
        return targets(clientId, campaignId);
    }

    private List<String> targets(UUID clientId, UUID campaignId) {
        return new ArrayList<>(jdbc.sql(sql.get("links")).param("clientId", clientId).param("campaignId", campaignId)
                .query(String.class).list());
    }

    /** A tracked campaign's owner and targets, whoever owns it: for the public redirect, in the platform scope. */
    public Optional<Targets> find(UUID campaignId) {
        return jdbc.sql(sql.get("campaign")).param("campaignId", campaignId).query(UUID.class).optional()
                .map(clientId -> new Targets(clientId, targets(clientId, campaignId)));
    }
}
