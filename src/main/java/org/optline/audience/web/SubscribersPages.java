package org.optline.audience.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.ConsentChannel;
import org.optline.audience.ConsentSource;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.audience.MailingList;
import org.optline.audience.OptInMode;
import org.optline.audience.SubscriberDirectory;
import org.optline.audience.SubscriberInput;
import org.optline.audience.SubscriberSort;
import org.optline.audience.Subscribers;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The subscribers list (search, filters and order live with htmx, plain GET without it; paged)
 * and adding one subscriber by hand.
 */
@Controller
class SubscribersPages {

    static final int PAGE_SIZE = 50;

    private final Subscribers subscribers;
    private final SubscriberDirectory directory;
    private final Lists lists;
    private final CustomFields fields;

    SubscribersPages(Subscribers subscribers, SubscriberDirectory directory, Lists lists, CustomFields fields) {
        this.subscribers = subscribers;
        this.directory = directory;
        this.lists = lists;
        this.fields = fields;
    }

    @GetMapping("/audience/subscribers")
    String search(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String status,
                  @RequestParam(required = false) UUID listId, @RequestParam(required = false) String sort,
                  @RequestParam(defaultValue = "1") int page,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("listId", listId);
        model.addAttribute("sorts", SubscriberSort.values());
        try {
            var result = directory.browse(actor, new SubscriberDirectory.Query(q, status, listId, sort, page, PAGE_SIZE));
            model.addAttribute("result", result);
            model.addAttribute("sort", result.sort().wireName());
        } catch (ValidationException e) {
            model.addAttribute("error", PageErrors.sentence(e));
            model.addAttribute("result", new SubscriberDirectory.Result(List.of(), 0, 1, false, SubscriberSort.DEFAULT));
            model.addAttribute("sort", SubscriberSort.DEFAULT.wireName());
        }
        model.addAttribute("lists", lists.list(actor));
        model.addAttribute("total", subscribers.count(actor));
        return htmx != null ? "audience/subscribers :: results" : "audience/subscribers";
    }

    @GetMapping("/audience/subscribers/new")
    String initAdd(Actor actor, Model model) {
        return addForm(actor, model, new AddForm("", "", "active", List.of(), false, ""), Map.of());
    }

    @PostMapping("/audience/subscribers/new")
    String processAdd(Actor actor, @RequestParam MultiValueMap<String, String> form, HttpServletResponse response,
                      Model model, RedirectAttributes redirect) {
        List<UUID> listIds = new ArrayList<>();
        for (String id : form.getOrDefault("lists", List.of())) {
            try {
                listIds.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                // Not a list of this client's form: the service refuses it like any unknown list.
                listIds.add(new UUID(0, 0));
            }
        }
        var entered = new AddForm(nz(form.getFirst("email")), nz(form.getFirst("name")), nz(form.getFirst("status")),
                listIds, "on".equals(form.getFirst("preconfirmed")), nz(form.getFirst("consentNote")));
        Map<String, String> values = FormFields.values(form, false);
        try {
            String note = entered.consentNote().isBlank() ? null : entered.consentNote().strip();
            var added = subscribers.add(actor, new SubscriberInput(entered.email(), entered.name(), new HashMap<>(values),
                    listIds, new ConsentSource(ConsentChannel.API, actor.label(), actor.sourceIp(), null, note)),
                    entered.preconfirmed(), entered.status());
            redirect.addFlashAttribute("notice", "Added " + added.email() + ".");
            return "redirect:/audience/subscribers/" + added.id();
        } catch (ValidationException | ConflictException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", PageErrors.sentence(e, FieldInputs.labels(fields.list(actor))));
            return addForm(actor, model, entered, values);
        }
    }

    /** What the add form holds, kept when it comes back with an error. */
    record AddForm(String email, String name, String status, List<UUID> lists, boolean preconfirmed, String consentNote) {}

    private String addForm(Actor actor, Model model, AddForm form, Map<String, String> values) {
        List<MailingList> all = lists.list(actor);
        model.addAttribute("form", form);
        model.addAttribute("lists", all);
        model.addAttribute("anyDoubleOptIn", all.stream().anyMatch(l -> l.optIn() == OptInMode.DOUBLE));
        model.addAttribute("inputs", FieldInputs.of(fields.list(actor), values, directory.knownValues(actor)));
        return "audience/subscriber-new";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
