package org.optline.audience.imports;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.ImportJob;
import org.optline.audience.Imports;
import org.optline.platform.Actor;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/imports}: CSV imports with an opt-in attestation. */
@RestController
@RequestMapping("/api/v1/imports")
class ImportsApi {

    record Issue(long line, String message) {}

    record ImportJson(String id, String listId, String status, String fileName, String fileSha256, long rowsTotal,
                      long rowsImported, long rowsUpdated, long rowsRejected, long rowsSuppressed, long rowsFlagged,
                      List<Issue> errors, List<Issue> flagged, Map<String, String> columns, String error,
                      OffsetDateTime createdAt, OffsetDateTime finishedAt) {}

    private final Imports imports;

    ImportsApi(Imports imports) {
        this.imports = imports;
    }

    /**
     * Uploads and starts an import: answers 202 with its id. Columns are matched by header;
     * {@code columns} (optional) overrides that as {@code header=target} pairs separated by commas,
     * where target is email, name, a field key, or empty to ignore the column.
     */
    @PostMapping(consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ImportJson create(Actor actor, @RequestParam(required = false) MultipartFile file,
                      @RequestParam(required = false) UUID listId,
                      @RequestParam(required = false) String attestation,
                      @RequestParam(required = false) String columns) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ValidationException.of("file", "is required: a CSV file with a header row");
        }
        if (attestation == null || attestation.isBlank()) {
            throw ValidationException.of("attestation", "is required: state how and when these people opted in");
        }
        ImportJob uploaded = imports.upload(actor, listId, file.getOriginalFilename(), file.getInputStream());
        List<String> targets = columns == null ? null : override(uploaded, columns);
        return json(actor, imports.start(actor, uploaded.id(), targets, attestation));
    }

    @GetMapping("/{id}")
    ImportJson get(Actor actor, @PathVariable UUID id) {
        return json(actor, imports.get(actor, id));
    }

    private ImportJson json(Actor actor, ImportJob job) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < job.headers().size(); i++) {
            columns.put(job.headers().get(i), job.columns().get(i));
        }
        return new ImportJson(job.id().toString(), job.listId() == null ? null : job.listId().toString(), job.status(), job.fileName(), job.fileSha256(),
                job.finished() ? job.rowsTotal() : Math.max(job.rowsTotal(), job.rowsProcessed()),
                job.rowsImported(), job.rowsUpdated(), job.rowsRejected(), job.rowsSuppressed(), job.rowsFlagged(),
                issues(actor, job, "error"), issues(actor, job, "flag"), columns, job.error(), job.createdAt(), job.finishedAt());
    }

    private List<Issue> issues(Actor actor, ImportJob job, String kind) {
        return imports.issues(actor, job.id(), kind, 1000).stream().map(i -> new Issue(i.line(), i.message())).toList();
    }

    private static List<String> override(ImportJob job, String spec) {
        String[] targets = job.columns().toArray(String[]::new);
        for (String pair : spec.split(",")) {
            String[] parts = pair.split("=", 2);
            int column = job.headers().indexOf(parts[0].strip());
            if (column < 0) {
                throw ValidationException.of("columns", "no column is headed '" + parts[0].strip() + "'");
            }
            String target = parts.length > 1 ? parts[1].strip() : "";
            if (!target.isEmpty()) {
                for (int i = 0; i < targets.length; i++) {
                    if (target.equals(targets[i])) {
                        targets[i] = null;
                    }
                }
            }
            targets[column] = target.isEmpty() ? null : target;
        }
        return Arrays.asList(targets);
    }
}
