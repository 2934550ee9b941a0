package org.optline.inbound.web;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.campaign.Campaigns;
import org.optline.inbound.actions.BouncePolicies;
import org.optline.inbound.replies.Replies;
import org.optline.inbound.replies.Reply;
import org.optline.platform.Actor;
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
 * The inbound module's pages: the replies people wrote to the client's campaigns (a list and one
 * reply, linked to its subscriber and campaign), and the client's soft-bounce policy.
 */
@Controller
class InboundPages {

    private final Replies replies;
    private final Campaigns campaigns;
    private final BouncePolicies policies;

    InboundPages(Replies replies, Campaigns campaigns, BouncePolicies policies) {
        this.replies = replies;
        this.campaigns = campaigns;
        this.policies = policies;
    }

    @GetMapping("/replies")
    String list(Actor actor, @RequestParam(required = false) String cursor, Model model) {
        var page = replies.page(actor, cursor, 50);
        model.addAttribute("page", page);
        model.addAttribute("campaignNames", campaigns.names(actor.requireClient(),
                page.items().stream().map(Reply::campaignId).filter(id -> id != null).collect(Collectors.toSet())));
        return "inbound/replies";
    }

    @GetMapping("/replies/{id}")
    String reply(Actor actor, @PathVariable UUID id, Model model) {
        Reply reply = replies.get(actor, id);
        model.addAttribute("reply", reply);
        model.addAttribute("campaignName", reply.campaignId() == null ? null
                : campaigns.names(actor.requireClient(), Set.of(reply.campaignId())).get(reply.campaignId()));
        return "inbound/reply";
    }

    @GetMapping("/settings/bounces")
    String policy(Actor actor, Model model) {
        model.addAttribute("policy", policies.get(actor));
        return "inbound/bounce-policy";
    }

    @PostMapping("/settings/bounces")
    String savePolicy(Actor actor, @RequestParam(required = false) Integer softBounceLimit,
                      @RequestParam(required = false) Integer softBounceDays, RedirectAttributes redirect) {
        try {
            var saved = policies.set(actor, softBounceLimit, softBounceDays);
            redirect.addFlashAttribute("notice", "An address is now suppressed after " + saved.softBounceLimit()
                    + " soft bounces within " + saved.softBounceDays() + " days.");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/settings/bounces";
    }
}
