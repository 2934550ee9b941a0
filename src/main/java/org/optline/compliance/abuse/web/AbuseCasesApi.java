package org.optline.compliance.abuse.web;

import java.util.UUID;
import org.optline.compliance.AbuseCase;
import org.optline.compliance.AbuseCases;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.web.StandingJson;
import org.optline.platform.Actor;
import org.optline.platform.Page;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/abuse-cases}: the operator's abuse desk (operator keys only; anyone else: 404). */
@RestController
@RequestMapping("/api/v1/abuse-cases")
class AbuseCasesApi {

    /** An operator's entry; ids as text so that a malformed one is a field error. */
    record ReportRequest(String clientId, String campaignId, String email, String feedbackType, String report) {}

    record NoteRequest(String text) {}

    record StateRequest(String state, String resolution, String note) {}

    private final AbuseCases cases;
    private final ClientStandings standings;

    AbuseCasesApi(AbuseCases cases, ClientStandings standings) {
        this.standings = standings;
        this.cases = cases;
    }

    @GetMapping
    Page<AbuseCaseJson.Summary> list(Actor actor, @RequestParam(required = false) String state,
                                     @RequestParam(required = false) String clientId,
                                     @RequestParam(required = false) String severity,
                                     @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        actor.requireOperator();
        var page = cases.page(actor, new AbuseCases.Filter(state, optionalId("clientId", clientId), severity), cursor, limit);
        return new Page<>(page.items().stream().map(AbuseCaseJson.Summary::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    AbuseCaseJson.Detail get(Actor actor, @PathVariable UUID id) {
        AbuseCase.Detail detail = cases.get(actor, id);
        return AbuseCaseJson.Detail.of(detail, StandingJson.of(standings.of(actor, detail.summary().clientId()), standings.thresholds()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AbuseCaseJson.Summary create(Actor actor, @RequestBody ReportRequest in) {
        actor.requireOperator();
        return AbuseCaseJson.Summary.of(cases.report(actor, new AbuseCases.OperatorReport(optionalId("clientId", in.clientId()),
                optionalId("campaignId", in.campaignId()), in.email(), in.feedbackType(), in.report())));
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    AbuseCaseJson.Note note(Actor actor, @PathVariable UUID id, @RequestBody NoteRequest in) {
        return AbuseCaseJson.Note.of(cases.addNote(actor, id, in.text()));
    }

    @PostMapping("/{id}/state")
    AbuseCaseJson.Summary state(Actor actor, @PathVariable UUID id, @RequestBody StateRequest in) {
        return AbuseCaseJson.Summary.of(cases.changeState(actor, id, new AbuseCases.StateChange(in.state(), in.resolution(),
                in.note())));
    }

    static UUID optionalId(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "is not an id");
        }
    }
}
