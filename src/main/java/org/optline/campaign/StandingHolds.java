package org.optline.campaign;

import java.time.Clock;
import java.util.UUID;
import org.optline.campaign.store.CampaignStore;
import org.optline.platform.Actor;
import org.optline.platform.AuditLog;
import org.optline.platform.ClientStandingChanged;
import org.optline.platform.ClientStatus;
import org.optline.platform.TenantScope;
import org.optline.platform.Times;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pauses the campaigns of a client that may not send (paused, suspended, terminated), with a note
 * saying why: they must not go out late, unannounced, the moment the client is active again; the
 * client resumes them.
 */
@Component
class StandingHolds {

    private final CampaignStore store;
    private final TenantScope scope;
    private final AuditLog audit;
    private final Clock clock;

    StandingHolds(CampaignStore store, TenantScope scope, AuditLog audit, Clock clock) {
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    /** Pauses every campaign being sent of a client that may no longer send, as soon as its standing changes. */
    @EventListener
    void on(ClientStandingChanged change) {
        if (change.to().maySend()) {
            return;
        }
        for (UUID id : scope.inClient(change.clientId(), () -> store.inStatus(change.clientId(), CampaignStatus.SENDING))) {
            hold(change.clientId(), id, CampaignStatus.SENDING, change.to());
        }
    }

    /** Moves a sending or due campaign to paused, with a note saying why, and audits it. */
    void hold(UUID clientId, UUID id, CampaignStatus from, ClientStatus standing) {
        String why = switch (standing) {
            case PAUSED -> "sending is paused for your account by the operator";
            case SUSPENDED -> "your account is suspended";
            default -> "your account is " + standing.wireName();
        };
        String note = (from == CampaignStatus.SCHEDULED ? "Not started at its scheduled time: " : "Paused: ") + why
                + ". Nothing is sent until the account is active again; then resume the campaign.";
        boolean held = scope.inClient(clientId, () -> store.moveStatusWithNote(clientId, id, from, CampaignStatus.PAUSED, note,
                Times.now(clock)));
        if (held) {
            audit.record(Actor.system("standing"), clientId, "campaign.paused-by-standing", "campaign:" + id,
                    "client " + standing.wireName());
        }
    }
}
