package org.optline.audience.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.optline.audience.CustomFields;
import org.optline.audience.Imports;
import org.optline.audience.Lists;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The import wizard: upload, map columns and attest, then watch the progress. */
@Controller
class ImportPages {

    private final Imports imports;
    private final Lists lists;
    private final CustomFields fields;

    ImportPages(Imports imports, Lists lists, CustomFields fields) {
        this.imports = imports;
        this.lists = lists;
        this.fields = fields;
    }

    @GetMapping("/audience/imports")
    String initUpload(Actor actor, @RequestParam(required = false) UUID listId, Model model) {
        model.addAttribute("lists", lists.list(actor));
        model.addAttribute("listId", listId);
        model.addAttribute("recent", imports.recent(actor));
        return "audience/imports";
    }

    @PostMapping("/audience/imports")
    String processUpload(Actor actor, @RequestParam(required = false) MultipartFile file,
                         @RequestParam(required = false) UUID listId, RedirectAttributes redirect) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw ValidationException.of("file", "is required: choose a CSV file");
            }
            var job = imports.upload(actor, listId, file.getOriginalFilename(), file.getInputStream());
            return "redirect:/audience/imports/" + job.id() + "/columns";
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
            return "redirect:/audience/imports";
        }
    }

    @GetMapping("/audience/imports/{id}/columns")
    String initColumns(Actor actor, @PathVariable UUID id, Model model) {
        var job = imports.get(actor, id);
        if (!"uploaded".equals(job.status())) {
            return "redirect:/audience/imports/" + id;
        }
        model.addAttribute("job", job);
        model.addAttribute("list", job.listId() == null ? null : lists.get(actor, job.listId()));
        model.addAttribute("fields", fields.list(actor));
        model.addAttribute("sample", imports.preview(actor, id, 3));
        return "audience/import-columns";
    }

    @PostMapping("/audience/imports/{id}/start")
    String processStart(Actor actor, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
                        RedirectAttributes redirect) {
        var job = imports.get(actor, id);
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < job.headers().size(); i++) {
            String target = form.getFirst("column_" + i);
            targets.add(target == null || target.isBlank() ? null : target);
        }
        boolean attested = "yes".equals(form.getFirst("confirm"));
        try {
            if (!attested) {
                throw ValidationException.of("confirmation", "is required: tick the box to attest that everybody opted in");
            }
            imports.start(actor, id, targets, form.getFirst("attestation"));
            return "redirect:/audience/imports/" + id;
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
            return "redirect:/audience/imports/" + id + "/columns";
        }
    }

    @GetMapping("/audience/imports/{id}")
    String progress(Actor actor, @PathVariable UUID id, @RequestHeader(value = "HX-Request", required = false) String htmx,
                    Model model) {
        var job = imports.get(actor, id);
        model.addAttribute("job", job);
        model.addAttribute("list", job.listId() == null ? null : lists.get(actor, job.listId()));
        if (job.finished()) {
            model.addAttribute("errors", imports.issues(actor, id, "error", 200));
            model.addAttribute("flags", imports.issues(actor, id, "flag", 200));
        }
        return htmx != null ? "audience/import :: progress" : "audience/import";
    }

    /** The rejected rows with the file's own columns and a reason, to fix and import again. */
    @GetMapping("/audience/imports/{id}/rejected.csv")
    ResponseEntity<StreamingResponseBody> rejectedRows(Actor actor, @PathVariable UUID id) {
        var job = imports.get(actor, id); // before the response starts: a missing import is a 404, not a broken file
        String base = job.fileName().replaceFirst("(?i)\\.(csv|txt)$", "");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(base + "-rejected.csv", StandardCharsets.UTF_8).build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(out -> imports.writeRejectedRows(actor, id, out));
    }
}
