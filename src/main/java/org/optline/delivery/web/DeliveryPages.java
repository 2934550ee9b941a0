package org.optline.delivery.web;

import java.time.Duration;
import java.util.UUID;
import org.optline.delivery.ClientRelays;
import org.optline.delivery.DeliveryProperties;
import org.optline.delivery.SendingDomains;
import org.optline.delivery.domains.DomainChecks;
import org.optline.delivery.transport.MailTransport;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.NotFoundException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery module's pages: a client's sending domains with the DKIM, SPF and DMARC records
 * to publish, each on its own page too, where it is checked again or deleted; the client's own SMTP
 * relay; and, for operators, how mail leaves this installation. The outbox browser is
 * {@link OutboxPages}.
 */
@Controller
class DeliveryPages {

    private final SendingDomains domains;
    private final MailTransport transport;
    private final DeliveryProperties settings;
    private final ClientRelays relays;

    DeliveryPages(SendingDomains domains, MailTransport transport, DeliveryProperties settings, ClientRelays relays) {
        this.relays = relays;
        this.domains = domains;
        this.transport = transport;
        this.settings = settings;
    }

    @GetMapping("/sending/domains")
    String domains(Actor actor, Model model) {
        model.addAttribute("domains", domains.list(actor));
        return "delivery/domains";
    }

    @PostMapping("/sending/domains")
    String addDomain(Actor actor, @RequestParam String domain, RedirectAttributes redirect) {
        try {
            var added = domains.add(actor, domain);
            redirect.addFlashAttribute("notice", "Added " + added.domain() + " with a new 2048-bit DKIM key (selector "
                    + added.selector() + "). Publish the records below in its DNS.");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/sending/domains";
    }

    @GetMapping("/sending/domains/{id}")
    String domain(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("d", domains.get(actor, id));
        return "delivery/domain";
    }

    @PostMapping("/sending/domains/{id}/delete")
    String deleteDomain(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            String name = domains.get(actor, id).domain();
            domains.remove(actor, id);
            redirect.addFlashAttribute("notice", "Deleted " + name + " and its DKIM key. Remove its DKIM record from the DNS; "
                    + "the name is free to be added again, with a new key.");
            return "redirect:/sending/domains";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
            return "redirect:/sending/domains/" + id;
        }
    }

    /** {@code back}: "domain" when the button was on the domain's own page, which the result is then shown on. */
    @PostMapping("/sending/domains/{id}/verify")
    String verifyDomain(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String back,
                        RedirectAttributes redirect) {
        String target = "domain".equals(back) ? "redirect:/sending/domains/" + id : "redirect:/sending/domains";
        try {
            var d = domains.verify(actor, id);
            var c = d.checks();
            redirect.addFlashAttribute(d.verifiedAt() != null ? "notice" : "error", d.domain() + ": "
                    + (d.verifiedAt() != null ? "verified, its DKIM record carries our key."
                    : switch (c.dkim()) {
                        case DomainChecks.MISSING -> "no DKIM record found at " + DomainChecks.dkimName(d.selector(), d.domain())
                                + " yet.";
                        case DomainChecks.DIFFERENT -> "the DKIM record at " + DomainChecks.dkimName(d.selector(), d.domain())
                                + " carries another key; publish the value shown below.";
                        default -> "the DNS gave no answer in time; try again in a minute.";
                    }) + " SPF " + c.spf() + ", DMARC " + c.dmarc() + ".");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return target;
    }

    @GetMapping("/sending/relay")
    String relay(Actor actor, Model model) {
        model.addAttribute("relay", relays.get(actor).orElse(null));
        model.addAttribute("passwordSet", relays.hasPassword(actor));
        model.addAttribute("platform", transport.describe());
        return "delivery/relay";
    }

    @PostMapping("/sending/relay")
    String saveRelay(Actor actor, @RequestParam(required = false) String action, @RequestParam(required = false) String host,
                     @RequestParam(required = false) Integer port, @RequestParam(required = false) String tls,
                     @RequestParam(required = false) String username, @RequestParam(required = false) String password,
                     @RequestParam(required = false) Integer maxConnections,
                     @RequestParam(required = false) Integer maxMessagesPerConnection,
                     @RequestParam(required = false) Double maxRate, RedirectAttributes redirect) {
        try {
            if ("remove".equals(action)) {
                relays.remove(actor);
                redirect.addFlashAttribute("notice", "Your relay is removed; mail leaves through the platform's transport.");
            } else {
                var saved = relays.save(actor, new ClientRelays.RelayInput(host, port, tls, username, password, maxConnections,
                        maxMessagesPerConnection, maxRate));
                redirect.addFlashAttribute("notice", "Your campaigns now leave through " + saved.host() + ":" + saved.port() + ".");
            }
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/sending/relay";
    }

    @GetMapping("/operator/delivery")
    String transportSettings(Model model) {
        model.addAttribute("transport", transport.describe());
        model.addAttribute("settings", settings);
        model.addAttribute("firstRetry", readable(settings.retry().firstRetry()));
        model.addAttribute("maxBackoff", readable(settings.retry().maxBackoff()));
        model.addAttribute("maxAge", readable(settings.retry().maxAge()));
        model.addAttribute("pauseWhenUnreachable", readable(settings.retry().pauseWhenUnreachable()));
        return "delivery/transport";
    }

    /** 90 s, 2 min, 2 h, 3 days: the largest whole unit. */
    static String readable(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return (s / 86_400) + (s == 86_400 ? " day" : " days");
        }
        if (s % 3600 == 0 && s > 0) {
            return (s / 3600) + " h";
        }
        if (s % 60 == 0 && s > 0) {
            return (s / 60) + " min";
        }
        return d.toMillis() % 1000 == 0 ? s + " s" : d.toMillis() + " ms";
    }
}
