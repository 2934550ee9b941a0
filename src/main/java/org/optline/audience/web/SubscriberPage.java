package org.optline.audience.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.audience.ActivityTimeline;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.Membership;
import org.optline.audience.OptInMode;
import org.optline.audience.Subscriber;
import org.optline.audience.SubscriberDirectory;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberStatus;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One subscriber: profile and typed field values, list memberships (join, leave), activity and
 * the consent ledger, unsubscribe and erasure. Every change goes through {@link Subscribers}, which
 * writes the consent ledger.
 */
@Controller
class SubscriberPage {

    private final Subscribers subscribers;
    private final SubscriberDirectory directory;
    private final Lists lists;
    private final CustomFields fields;
    private final ActivityTimeline activity;

    SubscriberPage(Subscribers subscribers, SubscriberDirectory directory, Lists lists, CustomFields fields,
                   ActivityTimeline activity) {
        this.subscribers = subscribers;
        this.directory = directory;
        this.lists = lists;
        this.fields = fields;
        this.activity = activity;
    }

    @GetMapping("/audience/subscribers/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        var subscriber = subscribers.get(actor, id);
        return page(actor, subscriber, subscriber.email(), subscriber.name(), FieldInputs.text(subscriber.fields()), model);
    }

    @PostMapping("/audience/subscribers/{id}")
    String processEdit(Actor actor, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
                       HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Map<String, String> values = FormFields.values(form, true);
        try {
            subscribers.correct(actor, id, new Subscribers.Correction(form.getFirst("email"), form.getFirst("name"),
                    new HashMap<>(values), null));
            redirect.addFlashAttribute("notice", "Saved.");
            return "redirect:/audience/subscribers/" + id;
        } catch (ValidationException | ConflictException e) {
            // Shown again with what was typed, so nothing entered is lost; nothing was stored.
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", PageErrors.sentence(e, FieldInputs.labels(fields.list(actor))));
            return page(actor, subscribers.get(actor, id), form.getFirst("email"), form.getFirst("name"), values, model);
        }
    }

    @PostMapping("/audience/subscribers/{id}/lists")
    String processJoin(Actor actor, @PathVariable UUID id, @RequestParam(required = false) List<UUID> lists,
                       @RequestParam(required = false) String preconfirmed, RedirectAttributes redirect) {
        var subscriber = subscribers.get(actor, id);
        if (lists == null || lists.isEmpty()) {
            redirect.addFlashAttribute("error", "Choose at least one list to add the subscriber to.");
            return "redirect:/audience/subscribers/" + id;
        }
        try {
            subscribers.save(actor, new SubscriberInput(subscriber.email(), null, null, lists, null), "on".equals(preconfirmed));
            redirect.addFlashAttribute("notice", "Added to " + (lists.size() == 1 ? "the list." : lists.size() + " lists."));
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e, Map.of("lists", "Lists")));
        }
        return "redirect:/audience/subscribers/" + id;
    }

    @PostMapping("/audience/subscribers/{id}/lists/{listId}/remove")
    @AllowedWhileSuspended("takes a person off a list")
    String processLeave(Actor actor, @PathVariable UUID id, @PathVariable UUID listId, RedirectAttributes redirect) {
        try {
            subscribers.removeFromList(actor, id, listId);
            redirect.addFlashAttribute("notice", "Removed from the list; only the subscriber can join it again.");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
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

    private String page(Actor actor, Subscriber subscriber, String email, String name, Map<String, String> values, Model model) {
        Set<UUID> on = subscriber.lists().stream().map(Membership::listId).collect(Collectors.toSet());
        List<MailingList> joinable = lists.list(actor).stream().filter(l -> !on.contains(l.id())).toList();
        model.addAttribute("subscriber", subscriber);
        model.addAttribute("email", email);
        model.addAttribute("name", name);
        model.addAttribute("inputs", FieldInputs.of(fields.list(actor), values, directory.knownValues(actor)));
        model.addAttribute("joinable", joinable);
        model.addAttribute("anyDoubleOptIn", joinable.stream().anyMatch(l -> l.optIn() == OptInMode.DOUBLE));
        model.addAttribute("ledger", subscribers.consentLedger(actor, subscriber.id()));
        model.addAttribute("activity", activity.of(actor, subscriber.id()));
        return "audience/subscriber";
    }
}
