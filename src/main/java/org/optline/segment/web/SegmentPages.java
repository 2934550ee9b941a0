package org.optline.segment.web;

import java.util.LinkedHashMap;
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
        return editor(actor, model, null, "", "", null);
    }

    /** Opens a saved segment: the builder shows its expression when it can, and the text is kept as saved. */
    @GetMapping("/segments/{id}")
    String initEdit(Actor actor, @PathVariable UUID id, Model model) {
        Segment s = segments.get(actor, id);
        return editor(actor, model, s.id(), s.name(), s.expression(), null);
    }

    /**
     * Re-renders the editor after a change in the builder, and the builder writes the expression;
     * but never over text it does not stand for. When the text was edited since the builder last
     * wrote it ({@code written} is what the page showed), or the builder was not shown because it
     * cannot show the expression, or the "show in the builder" button was pressed, the text is
     * kept as it is and the builder is read from it instead.
     */
    @PostMapping("/segments/builder")
    @AllowedWhileSuspended("reads: re-renders the editor")
    String processBuilder(Actor actor, @RequestParam MultiValueMap<String, String> form,
                          @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        String view = htmx != null ? " :: editor" : "";
        UUID id = id(form.getFirst("id"));
        String name = form.getFirst("name");
        String text = lines(form.getFirst("expression"));
        String written = form.getFirst("written");
        boolean edited = written != null && !text.strip().equals(lines(written).strip());
        boolean rowsShown = form.containsKey("g0.join");
        if ("load".equals(form.getFirst("action")) || edited || (!rowsShown && !text.isBlank())) {
            String notice = edited && !"load".equals(form.getFirst("action"))
                    ? "The expression was changed as text, so the builder now shows that text and your change in the "
                    + "builder was not applied. Make it again if you still want it." : null;
            return editor(actor, model, id, name, text, notice) + view;
        }
        BuilderVocabulary vocabulary = vocabulary(actor);
        RuleBuilder builder = RuleBuilder.fromForm(form);
        String expression = builder.expression(vocabulary);
        fill(actor, model, id, name, expression, builder, vocabulary, null);
        return "segment/editor" + view;
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
            return editor(actor, model, null, name, expression, null);
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
            return editor(actor, model, id, name, expression, null);
        }
    }

    @PostMapping("/segments/{id}/delete")
    String processDelete(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        segments.delete(actor, id);
        redirect.addFlashAttribute("notice", "Deleted the segment.");
        return "redirect:/segments";
    }

    /** The editor for {@code expression}, its builder read from it (or absent when it cannot show it). */
    private String editor(Actor actor, Model model, UUID id, String name, String expression, String builderNotice) {
        BuilderVocabulary vocabulary = vocabulary(actor);
        RuleBuilder builder = ExpressionRows.read(expression, vocabulary).orElse(null);
        fill(actor, model, id, name, expression, builder, vocabulary, builderNotice);
        return "segment/editor";
    }

    private void fill(Actor actor, Model model, UUID id, String name, String expression, RuleBuilder builder,
                      BuilderVocabulary vocabulary, String builderNotice) {
        model.addAttribute("id", id);
        model.addAttribute("name", name);
        model.addAttribute("expression", expression == null ? "" : expression);
        model.addAttribute("builder", builder);
        model.addAttribute("builderNotice", builderNotice);
        model.addAttribute("vocabulary", vocabulary);
        count(actor, expression, model);
    }

    private BuilderVocabulary vocabulary(Actor actor) {
        return new BuilderVocabulary(fields.list(actor), lists.list(actor), segments.builderFields(actor));
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

    /** Text as a form posts it, with the browser's CRLF line breaks as the LF the page was given. */
    private static String lines(String text) {
        return text == null ? "" : text.replace("\r\n", "\n");
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
