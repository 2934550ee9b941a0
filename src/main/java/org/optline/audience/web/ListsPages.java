package org.optline.audience.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.optline.audience.CustomFields;
import org.optline.audience.Exports;
import org.optline.audience.Lists;
import org.optline.audience.PublicLinks;
import org.optline.audience.SubscriptionForm;
import org.optline.audience.SubscriptionForms;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.HtmlUtils;

/** Lists pages: all lists with member counts, create, edit, delete, and exports. */
@Controller
class ListsPages {

    private final Lists lists;
    private final Exports exports;
    private final SubscriptionForms forms;
    private final CustomFields fields;
    private final PublicLinks links;

    ListsPages(Lists lists, Exports exports, SubscriptionForms forms,
               CustomFields fields, PublicLinks links) {
        this.lists = lists;
        this.exports = exports;
        this.forms = forms;
        this.fields = fields;
        this.links = links;
    }

    @GetMapping("/audience/lists")
    String list(Actor actor, Model model) {
        model.addAttribute("lists", lists.list(actor));
        model.addAttribute("counts", lists.memberCounts(actor));
        return "audience/lists";
    }

    @PostMapping("/audience/lists")
    String processCreate(Actor actor, @RequestParam String name, @RequestParam String optIn,
                         @RequestParam(required = false) String description, RedirectAttributes redirect) {
        try {
            var created = lists.create(actor, new Lists.ListInput(name, description, optIn));
            redirect.addFlashAttribute("notice", "Created the list " + created.name() + ".");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/audience/lists";
    }

    @GetMapping("/audience/lists/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("list", lists.get(actor, id));
        model.addAttribute("counts", lists.memberCounts(actor).get(id));
        var form = forms.forList(actor, id);
        model.addAttribute("form", form.orElse(null));
        model.addAttribute("fields", fields.list(actor));
        model.addAttribute("formUrl", form.map(f -> links.subscriptionForm(f.id())).orElse(null));
        model.addAttribute("embed", form.map(f -> embed(links.subscriptionForm(f.id()), f)).orElse(null));
        return "audience/list";
    }

    @PostMapping("/audience/lists/{id}/form")
    String processForm(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String enabled,
                       @RequestParam(required = false) String title, @RequestParam(required = false) String intro,
                       @RequestParam(required = false) List<String> fieldKeys,
                       @RequestParam(required = false) String consentText, RedirectAttributes redirect) {
        try {
            forms.save(actor, id, new SubscriptionForms.Settings("on".equals(enabled), title, intro,
                    fieldKeys == null ? List.of() : fieldKeys, consentText));
            redirect.addFlashAttribute("notice", "Saved the subscription form.");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/audience/lists/" + id;
    }

    /** A plain HTML form to paste into another site; it posts to the hosted form's address. */
    static String embed(String formUrl, SubscriptionForm form) {
        return "<form action=\"" + formUrl + "\" method=\"post\">\n"
                + "  <label>Email <input type=\"email\" name=\"email\" required></label>\n"
                + "  <label>Name <input name=\"name\"></label>\n"
                + form.fieldKeys().stream().map(k -> "  <label>" + k + " <input name=\"field." + k + "\"></label>\n")
                        .collect(Collectors.joining())
                + "  <div style=\"position:absolute;left:-10000px\" aria-hidden=\"true\"><input name=\"website\" tabindex=\"-1\"></div>\n"
                + "  <p>" + HtmlUtils.htmlEscape(form.consentText()) + "</p>\n"
                + "  <button type=\"submit\">Subscribe</button>\n</form>";
    }

    @PostMapping("/audience/lists/{id}")
    String processEdit(Actor actor, @PathVariable UUID id, @RequestParam String name, @RequestParam String optIn,
                       @RequestParam(required = false) String description, RedirectAttributes redirect) {
        try {
            lists.change(actor, id, new Lists.ListInput(name, description == null ? "" : description, optIn));
            redirect.addFlashAttribute("notice", "Saved.");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/audience/lists/" + id;
    }

    @PostMapping("/audience/lists/{id}/delete")
    String processDelete(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        var list = lists.get(actor, id);
        lists.delete(actor, id);
        redirect.addFlashAttribute("notice", "Deleted the list " + list.name() + "; its subscribers stay.");
        return "redirect:/audience/lists";
    }

    @GetMapping("/audience/export.csv")
    ResponseEntity<StreamingResponseBody> exportCsv(Actor actor, @RequestParam(required = false) UUID listId) {
        exports.checkList(actor, listId);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out -> exports.csv(actor, listId, out));
    }

    @GetMapping("/audience/export.json")
    ResponseEntity<StreamingResponseBody> exportJson(Actor actor, @RequestParam(required = false) UUID listId) {
        exports.checkList(actor, listId);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subscribers.json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(out -> exports.json(actor, listId, out));
    }
}
