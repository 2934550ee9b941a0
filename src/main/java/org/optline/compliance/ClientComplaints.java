package org.optline.compliance;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.optline.campaign.Campaigns;
import org.optline.compliance.abuse.AbuseCaseStore;
import org.optline.platform.Actor;
import org.optline.platform.Cursor;
import org.optline.platform.NotFoundException;
import org.optline.platform.Page;
import org.optline.platform.TenantScope;
import org.springframework.stereotype.Service;

/**
 * The complaints about a client's own mail, as that client sees them: when, which campaign, which
 * of its subscribers (an address it already holds), the feedback type, where its case stands and
 * the operator's warning if there is one. Never the report itself, the reporting system or the
 * contact of whoever wrote through the site's abuse form.
 */
@Service
public class ClientComplaints {

    /**
     * One complaint about the client's mail.
     *
     * @param email   the subscriber's address, null once they were erased
     * @param source  {@code feedback_loop}, {@code reply}, {@code operator} or {@code abuse_form}
     * @param warning the operator's warning on the complaint's case, or null
     */
    public record ClientComplaint(UUID id, OffsetDateTime receivedAt, UUID campaignId, String campaignName, String email,
                                  String feedbackType, String source, CaseState caseState, String warning) {}

    private final AbuseCaseStore store;
    private final Campaigns campaigns;
    private final TenantScope scope;

    ClientComplaints(AbuseCaseStore store, Campaigns campaigns, TenantScope scope) {
        this.store = store;
        this.campaigns = campaigns;
        this.scope = scope;
    }

    /** The actor's client's complaints, newest first. */
    public Page<ClientComplaint> page(Actor actor, String cursor, Integer limit) {
        UUID clientId = actor.requireClient();
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<ClientComplaint> rows = scope.inClient(clientId, () -> named(clientId, store.clientPage(clientId,
                after == null ? null : after.createdAt(), after == null ? null : after.id(), size + 1)));
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        ClientComplaint last = rows.get(size - 1);
        return new Page<>(rows.subList(0, size), new Cursor(last.receivedAt(), last.id()).encode());
    }

    /** One of the actor's client's complaints; another client's is not found. */
    public ClientComplaint get(Actor actor, UUID id) {
        UUID clientId = actor.requireClient();
        return scope.inClient(clientId, () -> store.clientComplaint(clientId, id).map(r -> named(clientId, List.of(r)).get(0)))
                .orElseThrow(() -> new NotFoundException("No complaint " + id));
    }

    private List<ClientComplaint> named(UUID clientId, List<AbuseCaseStore.ClientRow> rows) {
        Set<UUID> ids = new LinkedHashSet<>();
        rows.stream().map(AbuseCaseStore.ClientRow::campaignId).filter(Objects::nonNull).forEach(ids::add);
        Map<UUID, String> names = campaigns.names(clientId, ids);
        return rows.stream().map(r -> new ClientComplaint(r.id(), r.receivedAt(), r.campaignId(),
                r.campaignId() == null ? null : names.get(r.campaignId()), r.email(), r.feedbackType(), r.source().wireName(),
                r.caseState(), r.clientNote())).toList();
    }
}
