package org.optline.audience.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.ActivityTimeline;
import java.util.stream.Collectors;
import org.optline.audience.CustomField;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Subscriber search (live with htmx, plain GET without it) and the subscriber page. */
@Controller
class SubscribersPages {

    private final Subscribers subscribers;
    private final Lists lists;
    private final CustomFields fields;
    private final ActivityTimeline activity;

    SubscribersPages(Subscribers subscribers, Lists lists, CustomFields fields, ActivityTimeline activity) {
        this.activity = activity;
        this.subscribers = subscribers;
        this.lists = lists;
        this.fields = fields;
    }

    @GetMapping("/audience/subscribers")
    String search(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String status,
                  @RequestParam(required = false) UUID listId, @RequestParam(required = false) String cursor,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("page", subscribers.search(actor, q, status, listId, cursor, 50));
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("listId", listId);
        model.addAttribute("lists", lists.list(actor));
        model.addAttribute("total", subscribers.count(actor));
        return htmx != null ? "audience/subscribers :: results" : "audience/subscribers";
    }

    @GetMapping("/audience/subscribers/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        var subscriber = subscribers.get(actor, id);
        Map<String, String> values = new HashMap<>();
        subscriber.fields().forEach((key, value) -> values.put(key, value instanceof List<?> list
                ? String.join("|", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
        model.addAttribute("subscriber", subscriber);
        model.addAttribute("values", values);
        model.addAttribute("ledger", subscribers.consentLedger(actor, id));
        model.addAttribute("activity", activity.of(actor, id));
        model.addAttribute("fields", fields.list(actor));
        return "audience/subscriber";
    }

    @PostMapping("/audience/subscribers/{id}")
    String processEdit(Actor actor, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
                       RedirectAttributes redirect) {
        Map<String, Object> values = new HashMap<>(FormFields.values(form, true));
        try {
            subscribers.correct(actor, id, new Subscribers.Correction(form.getFirst("email"), form.getFirst("name"), values, null));
            redirect.addFlashAttribute("notice", "Saved.");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e, PageErrors.customFieldLabels(fields.list(actor).stream()
                    .collect(Collectors.toMap(CustomField::key, CustomField::label)))));
        }
        return "redirect:/audience/subscribers/" + id;
    }

    @PostMapping("/audience/subscribers/{id}/unsubscribe")
    @AllowedWhileSuspended("unsubscribes a person")
    String processUnsubscribe(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        subscribers.correct(actor, id, new Subscribers.Correction(null, null, null, SubscriberStatus.UNSUBSCRIBED.wireName()));
        redirect.addFlashAttribute("notice", "Unsubscribed from every list and added to the suppression list.");
        return "redirect:/audience/subscribers/" + id;
    }

    @PostMapping("/audience/subscribers/{id}/erase")
    @AllowedWhileSuspended("erases a person's data")
    String processErase(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason,
                        @RequestParam(required = false) String confirm, RedirectAttributes redirect) {
        if (!"erase".equals(confirm)) {
            redirect.addFlashAttribute("error", "Type erase in the box to confirm the erasure.");
            return "redirect:/audience/subscribers/" + id;
        }
        subscribers.erase(actor, id, reason);
        redirect.addFlashAttribute("notice", "The subscriber's data was erased; a hashed record of the erasure remains.");
        return "redirect:/audience/subscribers";
    }
}
