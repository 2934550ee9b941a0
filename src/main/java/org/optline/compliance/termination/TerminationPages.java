package org.optline.compliance.termination;

import java.time.Clock;
import java.util.UUID;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.Times;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator's view of a termination: progress with counts, the export's download, and "purge now". */
@Controller
@RequestMapping("/operator/clients/{id}/termination")
class TerminationPages {

    private final Terminations terminations;
    private final TerminationProperties settings;
    private final Clock clock;

    TerminationPages(Terminations terminations, TerminationProperties settings, Clock clock) {
        this.terminations = terminations;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    String show(Actor actor, @PathVariable UUID id, Model model) {
        TerminationJob job = terminations.status(actor, id);
        model.addAttribute("job", job);
        model.addAttribute("available", job.exportAvailable(Times.now(clock)));
        model.addAttribute("exportDays", settings.exportDays());
        model.addAttribute("kept", ClientTables.KEPT);
        return "compliance/termination";
    }

    @GetMapping("/export")
    ResponseEntity<Resource> export(Actor actor, @PathVariable UUID id) {
        return TerminationApi.zip(terminations.exportFor(actor, id));
    }

    @PostMapping("/purge")
    String processPurge(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            terminations.requestPurge(actor, id);
            redirect.addFlashAttribute("notice", "The purge starts within a minute; the export stays downloadable until its"
                    + " time is up.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", PageErrors.sentence(e));
        }
        return "redirect:/operator/clients/" + id + "/termination";
    }
}
