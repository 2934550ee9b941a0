package org.optline.compliance.disclosure;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.optline.platform.Actor;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The operator's legal disclosure page: a form (address, legal basis) whose answer is the record
 * as a download, and the disclosures made so far, from the audit log. A refused form comes back
 * with the reason and the values as typed.
 */
@Controller
class LegalDisclosuresPage {

    private static final String PATH = "/operator/legal-disclosures";
    private static final Map<String, String> LABELS = Map.of("email", "Email address", "legalBasis", "Legal basis");

    private final LegalDisclosures disclosures;

    LegalDisclosuresPage(LegalDisclosures disclosures) {
        this.disclosures = disclosures;
    }

    /** The form as sent, kept as typed. */
    record Form(String email, String legalBasis) {}

    @GetMapping(PATH)
    ModelAndView show(Actor actor, @RequestParam(required = false) String cursor) {
        return page(actor, new Form(null, null), cursor, null, HttpStatus.OK);
    }

    @PostMapping(PATH)
    ModelAndView produce(Actor actor, Form form) {
        actor.requireOperator();
        try {
            LegalDisclosures.Produced produced = disclosures.produce(actor, new LegalDisclosures.Request(form.email(), form.legalBasis()));
            return new ModelAndView(new Download(produced));
        } catch (ValidationException e) {
            return page(actor, form, null, PageErrors.sentence(e, LABELS), HttpStatus.UNPROCESSABLE_CONTENT);
        }
    }

    private ModelAndView page(Actor actor, Form form, String cursor, String error, HttpStatus status) {
        ModelAndView mav = new ModelAndView("compliance/legal-disclosures", status);
        mav.addObject("form", form);
        mav.addObject("error", error);
        mav.addObject("legalBasisMax", LegalDisclosures.LEGAL_BASIS_MAX);
        try {
            mav.addObject("past", disclosures.past(actor, cursor, 50));
        } catch (ValidationException e) {
            mav.addObject("past", disclosures.past(actor, null, 50));
            mav.addObject("error", PageErrors.sentence(e, Map.of("cursor", "The page link")));
        }
        return mav;
    }

    /** Writes a produced disclosure as an attachment, the same bytes and headers the API answers. */
    private record Download(LegalDisclosures.Produced produced) implements View {

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_JSON_VALUE;
        }

        @Override
        public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
            var entity = LegalDisclosuresApi.download(produced);
            response.setStatus(HttpStatus.OK.value());
            entity.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
            response.setContentLength(produced.document().length);
            response.getOutputStream().write(produced.document());
            response.flushBuffer();
        }
    }

}
