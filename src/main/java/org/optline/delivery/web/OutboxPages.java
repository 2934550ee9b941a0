package org.optline.delivery.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.optline.campaign.Campaign;
import org.optline.campaign.Campaigns;
import org.optline.delivery.Outbox;
import org.optline.delivery.OutboxSearch;
import org.optline.delivery.OutboxView;
import org.optline.delivery.transport.MailTransport;
import org.optline.platform.Actor;
import org.optline.platform.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The capture outbox browser: search by recipient, campaign and kind; one message read as its
 * recipient would (headers, text part, and the HTML part in a sandboxed frame served from its own
 * address under a policy of its own) beside its raw source.
 */
@Controller
class OutboxPages {

    /** Message HTML with its charset named, or browsers guess Latin-1 and show "MÃ¼ller". */
    static final MediaType HTML_UTF8 = new MediaType("text", "html", StandardCharsets.UTF_8);

    /**
     * The framed message's own policy, as the campaign preview's: a sandboxed document with no
     * script, no forms, no plugins; images from anywhere (as in a mail client), styles inline.
     */
    static final String MESSAGE_CSP = "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'";

    private static final int MAX_RECIPIENT_QUERY = 320;

    private final Outbox outbox;
    private final Campaigns campaigns;
    private final MailTransport transport;

    OutboxPages(Outbox outbox, Campaigns campaigns, MailTransport transport) {
        this.outbox = outbox;
        this.campaigns = campaigns;
        this.transport = transport;
    }

    @GetMapping("/outbox")
    String search(Actor actor, @RequestParam(required = false) String recipient,
                  @RequestParam(required = false) UUID campaignId, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String cursor, Model model) {
        String query = recipient == null || recipient.length() <= MAX_RECIPIENT_QUERY ? recipient
                : recipient.substring(0, MAX_RECIPIENT_QUERY);
        var search = new OutboxSearch(query, campaignId, kind != null && OutboxSearch.KINDS.contains(kind) ? kind : null);
        List<Campaign> clientCampaigns = actor.clientId() == null ? List.of() : campaigns.list(actor);
        model.addAttribute("search", search);
        model.addAttribute("campaigns", clientCampaigns);
        model.addAttribute("kinds", OutboxSearch.KINDS);
        model.addAttribute("page", outbox.search(actor, search, cursor, 50));
        model.addAttribute("transport", transport.describe());
        return "delivery/outbox";
    }

    @GetMapping("/outbox/{id}")
    String message(Actor actor, @PathVariable UUID id, Model model) {
        OutboxView view = outbox.view(actor, id);
        model.addAttribute("view", view);
        model.addAttribute("message", view.message());
        return "delivery/message";
    }

    /**
     * The HTML part alone, for the message page's sandboxed frame. Its address ends in
     * {@code preview.html}, which the security configuration leaves to this policy (and framing by
     * this site) instead of the pages' strict one.
     */
    @GetMapping("/outbox/{id}/preview.html")
    ResponseEntity<String> html(Actor actor, @PathVariable UUID id) {
        OutboxView view = outbox.view(actor, id);
        if (view.html() == null) {
            throw new NotFoundException("Message " + id + " has no HTML part");
        }
        return ResponseEntity.ok().contentType(HTML_UTF8)
                .header("Content-Security-Policy", MESSAGE_CSP)
                .header("X-Frame-Options", "SAMEORIGIN")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(view.html());
    }
}
