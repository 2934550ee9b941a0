package org.optline.audience.web;

import java.util.UUID;
import org.optline.audience.Exports;
import org.optline.audience.Lists;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
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

/** Lists pages: all lists with member counts, create, edit, delete, and exports. */
@Controller
class ListsPages {

    private final Lists lists;
    private final Exports exports;

    ListsPages(Lists lists, Exports exports) {
        this.lists = lists;
        this.exports = exports;
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
            redirect.addFlashAttribute("error", Messages.of(e));
        }
        return "redirect:/audience/lists";
    }

    @GetMapping("/audience/lists/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        model.addAttribute("list", lists.get(actor, id));
        model.addAttribute("counts", lists.memberCounts(actor).get(id));
        return "audience/list";
    }

    @PostMapping("/audience/lists/{id}")
    String processEdit(Actor actor, @PathVariable UUID id, @RequestParam String name, @RequestParam String optIn,
                       @RequestParam(required = false) String description, RedirectAttributes redirect) {
        try {
            lists.change(actor, id, new Lists.ListInput(name, description == null ? "" : description, optIn));
            redirect.addFlashAttribute("notice", "Saved.");
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", Messages.of(e));
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
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
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
