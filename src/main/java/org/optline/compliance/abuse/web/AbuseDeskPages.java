package org.optline.compliance.abuse.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.optline.audience.ConsentEvidence;
import org.optline.audience.ImportJob;
import org.optline.compliance.AbuseCase;
import org.optline.compliance.AbuseCases;
import org.optline.compliance.CaseResolution;
import org.optline.compliance.CaseState;
import org.optline.compliance.ClientStandings;
import org.optline.compliance.Severity;
import org.optline.platform.Actor;
import org.optline.platform.Client;
import org.optline.platform.Clients;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's abuse desk: the cases by severity and age with filters, a form to enter a
 * complaint, and one case with its evidence, its history and the controls that note and move it.
 */
@Controller
@RequestMapping("/operator/abuse-cases")
class AbuseDeskPages {

    private static final Map<String, String> LABELS = Map.of("clientId", "Client", "campaignId", "Campaign id",
            "email", "Subscriber's email", "feedbackType", "Feedback type", "report", "Report or excerpt", "text", "Note",
            "note", "Note", "state", "State", "resolution", "Resolution");

    /** The entry form as typed, to show again after a refusal. */
    record EntryForm(String clientId, String campaignId, String email, String feedbackType, String report) {}

    private final AbuseCases cases;
    private final Clients clients;
    private final ClientStandings standings;

    AbuseDeskPages(AbuseCases cases, Clients clients, ClientStandings standings) {
        this.cases = cases;
        this.clients = clients;
        this.standings = standings;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String state, @RequestParam(required = false) String severity,
                @RequestParam(required = false) UUID clientId, @RequestParam(required = false) String cursor, Model model) {
        actor.requireOperator();
        String chosenState = CaseState.fromWire(state).map(CaseState::wireName).orElse("");
        String chosenSeverity = Severity.fromWire(severity).map(Severity::wireName).orElse("");
        model.addAttribute("state", chosenState);
        model.addAttribute("severity", chosenSeverity);
        model.addAttribute("clientId", clientId == null ? "" : clientId.toString());
        model.addAttribute("clients", clientChoices(actor));
        try {
            model.addAttribute("page", cases.page(actor, new AbuseCases.Filter(chosenState, clientId, chosenSeverity),
                    cursor, 50));
        } catch (ValidationException e) {
            model.addAttribute("error", PageErrors.sentence(e, LABELS));
            model.addAttribute("page", cases.page(actor, new AbuseCases.Filter(chosenState, clientId, chosenSeverity), null, 50));
        }
        return "compliance/abuse-cases";
    }

    @GetMapping("/new")
    String initEntry(Actor actor, Model model) {
        actor.requireOperator();
        model.addAttribute("form", new EntryForm("", "", "", "abuse", ""));
        model.addAttribute("clients", clientChoices(actor));
        return "compliance/abuse-case-new";
    }

    @PostMapping
    String processEntry(Actor actor, EntryForm form, Model model) {
        try {
            AbuseCase kase = cases.report(actor, new AbuseCases.OperatorReport(AbuseCasesApi.optionalId("clientId",
                    form.clientId()), AbuseCasesApi.optionalId("campaignId", form.campaignId()), form.email(),
                    form.feedbackType(), form.report()));
            return "redirect:/operator/abuse-cases/" + kase.id();
        } catch (ValidationException e) {
            model.addAttribute("form", form);
            model.addAttribute("clients", clientChoices(actor));
            model.addAttribute("error", PageErrors.sentence(e, LABELS));
            return "compliance/abuse-case-new";
        }
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable UUID id, Model model) {
        AbuseCase.Detail detail = cases.get(actor, id);
        model.addAttribute("detail", detail);
        model.addAttribute("c", detail.summary());
        // The client's current rates beside the evidence: one complaint means more from a client already near the lines.
        model.addAttribute("figures", standings.of(actor, detail.summary().clientId()));
        model.addAttribute("thresholds", standings.thresholds());
        model.addAttribute("evidence", detail.evidence().stream().map(r -> new EvidenceView(r,
                AbuseEvidence.doubleOptIn(r), AbuseEvidence.importsById(r))).toList());
        model.addAttribute("nextStates", Arrays.stream(CaseState.values())
                .filter(s -> detail.summary().state().canMoveTo(s)).map(CaseState::wireName).toList());
        model.addAttribute("resolutions", Arrays.stream(CaseResolution.values()).map(CaseResolution::wireName).toList());
        return "compliance/abuse-case";
    }

    /** A subscriber's evidence with what the page reads from it. */
    record EvidenceView(ConsentEvidence.Record record, boolean doubleOptIn,
                        Map<String, ImportJob> imports) {}

    @PostMapping("/{id}/notes")
    String processNote(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String text,
                       RedirectAttributes redirect) {
        try {
            cases.addNote(actor, id, text);
            redirect.addFlashAttribute("notice", "The note is added.");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e, LABELS));
        }
        return "redirect:/operator/abuse-cases/" + id;
    }

    @PostMapping("/{id}/state")
    String processState(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String state,
                        @RequestParam(required = false) String resolution, @RequestParam(required = false) String note,
                        RedirectAttributes redirect) {
        try {
            String chosen = "resolved".equals(state) ? resolution : null;
            AbuseCase after = cases.changeState(actor, id, new AbuseCases.StateChange(state, chosen, note));
            redirect.addFlashAttribute("notice", "The case is now " + after.state().wireName()
                    + (after.resolution() == null ? "." : " (" + after.resolution().wireName().replace('_', ' ') + ")."));
        } catch (ValidationException | ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e, LABELS));
        }
        return "redirect:/operator/abuse-cases/" + id;
    }

    private List<Client> clientChoices(Actor actor) {
        return clients.page(actor, null, 200).items();
    }
}
