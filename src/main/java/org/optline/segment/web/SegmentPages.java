package org.optline.segment.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.CustomFields;
import org.optline.audience.Lists;
import org.optline.platform.Actor;
import org.optline.platform.AllowedWhileSuspended;
import org.optline.platform.ConflictException;
import org.optline.platform.NavigationItem;
import org.optline.platform.PageErrors;
import org.optline.platform.Role;
import org.optline.platform.ValidationException;
import org.optline.segment.Segment;
import org.optline.segment.Segments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Segment pages: the list, and the editor with its rule builder, text mode and live count. */
@Controller
class SegmentPages {

    private static final int SAMPLE = 10;

    private final Segments segments;
    private final CustomFields fields;
    private final Lists lists;

    SegmentPages(Segments segments, CustomFields fields, Lists lists) {
        this.segments = segments;
        this.fields = fields;
        this.lists = lists;
    }

    @GetMapping("/segments")
    String list(Actor actor, Model model) {
        Map<Segment, Object> counts = new LinkedHashMap<>();
        for (Segment s : segments.list(actor)) {
            try {
                counts.put(s, segments.count(actor, s.expression(), 0).count());
            } catch (ValidationException e) {
                counts.put(s, "needs fixing: " + e.errors().get(0).message());
            } catch (RuntimeException e) {
                counts.put(s, "could not be counted");
            }
        }
        model.addAttribute("segments", counts);
        return "segment/segments";
    }

    @GetMapping("/segments/new")
    String initCreate(Actor actor, Model model) {
        return editor(actor, model, null, "", "", RuleBuilder.empty(), false);
    }

    @GetMapping("/segments/{id}")
    String initEdit(Actor actor, @PathVariable UUID id, Model model) {
        Segment s = segments.get(actor, id);
        return editor(actor, model, s.id(), s.name(), s.expression(), RuleBuilder.empty(), false);
    }

    /** Re-renders the editor from the builder's fields: the builder writes the expression. */
    @PostMapping("/segments/builder")
    @AllowedWhileSuspended("reads: re-renders the editor")
    String processBuilder(Actor actor, @RequestParam MultiValueMap<String, String> form,
                          @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        RuleBuilder builder = RuleBuilder.fromForm(form);
        String expression = builder.expression(types(actor));
        String view = editor(actor, model, id(form.getFirst("id")), form.getFirst("name"), expression, builder, true);
        return htmx != null ? view + " :: editor" : view;
    }

    /** The live count for the text mode. */
    @PostMapping("/segments/preview")
    @AllowedWhileSuspended("reads: counts a segment")
    String processPreview(Actor actor, @RequestParam(required = false) String expression, Model model) {
        count(actor, expression, model);
        return "segment/editor :: count";
    }

    @PostMapping("/segments")
    String processCreate(Actor actor, @RequestParam(required = false) String name, @RequestParam(required = false) String expression,
                         Model model, RedirectAttributes redirect) {
        try {
            Segment s = segments.create(actor, name, expression);
            redirect.addFlashAttribute("notice", "Saved the segment " + s.name() + ".");
            return "redirect:/segments/" + s.id();
        } catch (ValidationException | ConflictException e) {
            model.addAttribute("error", PageErrors.sentence(e));
            return editor(actor, model, null, name, expression, RuleBuilder.empty(), false);
        }
    }

    @PostMapping("/segments/{id}")
    String processEdit(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String expression, Model model, RedirectAttributes redirect) {
        try {
            segments.change(actor, id, name, expression);
            redirect.addFlashAttribute("notice", "Saved.");
            return "redirect:/segments/" + id;
        } catch (ValidationException | ConflictException e) {
            model.addAttribute("error", PageErrors.sentence(e));
            return editor(actor, model, id, name, expression, RuleBuilder.empty(), false);
        }
    }

    @PostMapping("/segments/{id}/delete")
    String processDelete(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        segments.delete(actor, id);
        redirect.addFlashAttribute("notice", "Deleted the segment.");
        return "redirect:/segments";
    }

    private String editor(Actor actor, Model model, UUID id, String name, String expression, RuleBuilder builder,
                          boolean fromBuilder) {
        model.addAttribute("id", id);
        model.addAttribute("name", name);
        model.addAttribute("expression", expression);
        model.addAttribute("builder", builder);
        model.addAttribute("fieldChoices", RuleBuilder.fields(fields.list(actor)));
        model.addAttribute("types", types(actor));
        Map<String, List<String>> opsByType = new LinkedHashMap<>();
        for (String type : List.of("text", "number", "date", "boolean", "multi", "list", "status")) {
            opsByType.put(type, RuleBuilder.operators(type));
        }
        model.addAttribute("opsByType", opsByType);
        model.addAttribute("lists", lists.list(actor));
        model.addAttribute("fromBuilder", fromBuilder);
        count(actor, expression, model);
        return "segment/editor";
    }

    private void count(Actor actor, String expression, Model model) {
        if (expression == null || expression.isBlank()) {
            model.addAttribute("countError", null);
            model.addAttribute("count", null);
            return;
        }
        try {
            var count = segments.count(actor, expression, SAMPLE);
            model.addAttribute("count", count.count());
            model.addAttribute("sample", count.sample());
        } catch (ValidationException e) {
            model.addAttribute("countError", e.errors().get(0).message());
        }
    }

    private Map<String, String> types(Actor actor) {
        Map<String, String> types = new LinkedHashMap<>();
        RuleBuilder.fields(fields.list(actor)).forEach(f -> types.put(f.key(), f.type()));
        return types;
    }

    private static UUID id(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The segments entry in the client navigation. */
    @Configuration
    static class Navigation {
        @Bean
        NavigationItem segmentsNav() {
            return new NavigationItem(NavigationItem.Area.CLIENT, NavigationItem.Group.AUDIENCE, "Segments", "/segments", 130, Role.IN_CLIENT);
        }
    }

}
