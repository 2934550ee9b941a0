package org.optline.inbound.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.optline.inbound.spool.SpoolView;
import org.optline.platform.Actor;
import org.optline.platform.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's pages on inbound mail: what the listener and the raw API stored, by state, with
 * what processing made of each message; one message with its raw text; a retry for a message set
 * aside as unprocessable.
 */
@Controller
class InboundMailPages {

    private static final int SHOWN = 100;

    private final SpoolView spool;

    InboundMailPages(SpoolView spool) {
        this.spool = spool;
    }

    @GetMapping("/operator/inbound")
    String list(Actor actor, @RequestParam(required = false) String state, Model model) {
        SpoolView.State chosen = state == null || state.isBlank() ? null : SpoolView.State.fromWire(state).orElse(null);
        Map<String, Long> counts = new LinkedHashMap<>();
        spool.counts(actor).forEach((s, n) -> counts.put(s.wireName(), n));
        model.addAttribute("counts", counts);
        model.addAttribute("messages", spool.recent(actor, chosen, SHOWN));
        model.addAttribute("state", chosen == null ? "" : chosen.wireName());
        return "inbound/operator-messages";
    }

    @GetMapping("/operator/inbound/{id}")
    String message(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("message", spool.detail(actor, id).orElseThrow(() -> new NotFoundException("No such message")));
        return "inbound/operator-message";
    }

    @PostMapping("/operator/inbound/{id}/retry")
    String retry(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        if (spool.retry(actor, id)) {
            redirect.addFlashAttribute("notice", "The message is waiting for processing again.");
        } else {
            redirect.addFlashAttribute("error", "Only a message set aside as unprocessable can be tried again.");
        }
        return "redirect:/operator/inbound/" + id;
    }
}
