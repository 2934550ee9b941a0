package org.optline.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optline.campaign.Campaigns.Check;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Component;

/**
 * The checks a campaign must pass before it may be sent, each with the sentence the editor shows:
 * a subject, the client's postal address for the footer, a sending domain that may carry it, at
 * least one list and one recipient, and content that compiles.
 */
@Component
class SendChecklist {

    private final Clients clients;
    private final CampaignContent content;
    private final SenderDomains senderDomains;

    SendChecklist(Clients clients, CampaignContent content, SenderDomains senderDomains) {
        this.clients = clients;
        this.content = content;
        this.senderDomains = senderDomains;
    }

    /** The checklist of {@code c}, which would reach {@code count} people now. */
    List<Check> of(Campaign c, long count) {
        Client client = clients.profile(c.clientId()).orElseThrow();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("subject", !c.subject().isBlank(), c.subject().isBlank() ? "The subject is empty." : "Subject set."));
        boolean address = client.postalAddress() != null && !client.postalAddress().isBlank();
        checks.add(new Check("postal address", address, address ? "Your postal address is in the footer of every message."
                : "Your account has no postal address; ask the operator to add it."));
        boolean ownLink = content.ownUnsubscribeLink(c);
        checks.add(new Check("unsubscribe link", true, ownLink ? "Your content has an unsubscribe link."
                : "A footer with an unsubscribe link is added to every message."));
        String fromDomain = c.fromEmail().substring(c.fromEmail().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        SenderDomains.Standing standing = senderDomains.standing(c.clientId(), fromDomain);
        checks.add(new Check("from domain", standing == SenderDomains.Standing.VERIFIED
                || standing == SenderDomains.Standing.UNVERIFIED_CAPTURED, switch (standing) {
                    case VERIFIED -> "Sending from " + fromDomain + ", one of your verified sending domains.";
                    case UNVERIFIED_CAPTURED -> "Sending from " + fromDomain + ", one of your sending domains; its DNS records are "
                            + "not verified yet, which the outbox does not need but an SMTP relay will.";
                    case UNVERIFIED -> "Publish the DKIM record of " + fromDomain + " and verify it on the sending domains page: "
                            + "mail through an SMTP relay is only sent From a verified domain.";
                    case NOT_SET_UP -> "Set up " + fromDomain + " as a sending domain (DKIM and DNS records) before sending from it.";
                }));
        checks.add(new Check("lists", !c.listIds().isEmpty(), c.listIds().isEmpty() ? "Choose at least one list." : c.listIds().size() + " list(s)."));
        checks.add(new Check("recipients", count > 0, count + " subscriber(s) would receive it now (suppressed and unconfirmed people left out)."));
        try {
            content.compile(c);
            checks.add(new Check("content", true, "The content compiles."));
        } catch (ValidationException e) {
            checks.add(new Check("content", false, e.getMessage()));
        }
        return checks;
    }
}
