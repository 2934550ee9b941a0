package org.optline.site.policy;

import java.util.List;
import java.util.Map;
import org.optline.platform.Actor;
import org.optline.platform.ConflictException;
import org.optline.platform.PageErrors;
import org.optline.platform.ValidationException;
import org.optline.site.PolicyNotices;
import org.optline.site.PolicyVersion;
import org.optline.site.PrivacyPolicies;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The operator's privacy-policy page: the versions published so far and a form for the next one,
 * prefilled with the text in force. A refused form comes back with the reason and everything as
 * typed; a published one redirects here with a notice. Below, the mail of each material change:
 * how far it is, and why it failed, with a retry.
 */
@Controller
class OperatorPoliciesPage {

    private static final String PATH = "/operator/policies";
    private static final Map<String, String> LABELS = Map.of("text", "Policy text", "summary", "Summary",
            "material", "Material change");

    private final PrivacyPolicies policies;
    private final PolicyNotices notices;

    OperatorPoliciesPage(PrivacyPolicies policies, PolicyNotices notices) {
        this.policies = policies;
        this.notices = notices;
    }

    /** The form as sent; an unticked box sends nothing, which is "not material". */
    record Form(String text, String summary, Boolean material) {

        boolean materialTicked() {
            return Boolean.TRUE.equals(material);
        }
    }

    @GetMapping(PATH)
    ModelAndView show(Actor actor, @RequestParam(required = false) String published) {
        actor.requireOperator();
        ModelAndView page = page(actor, new Form(policies.current().text(), null, false), null, HttpStatus.OK);
        page.addObject("published", published == null ? null : policies.version(published).orElse(null));
        return page;
    }

    @PostMapping(PATH)
    ModelAndView publish(Actor actor, Form form) {
        actor.requireOperator();
        try {
            PolicyVersion v = policies.publish(actor, form.text(), form.materialTicked(), form.summary());
            return new ModelAndView("redirect:" + PATH + "?published=" + v.version());
        } catch (ValidationException | ConflictException e) {
            return page(actor, form, PageErrors.sentence(e, LABELS), e instanceof ConflictException ? HttpStatus.CONFLICT
                    : HttpStatus.UNPROCESSABLE_CONTENT);
        }
    }

    /** Runs the mail of a material change again after it failed (the reason is on the page). */
    @PostMapping(PATH + "/notices/retry")
    ModelAndView retryNotice(Actor actor, @RequestParam int version) {
        actor.requireOperator();
        try {
            notices.retry(actor, version);
            return new ModelAndView("redirect:" + PATH + "#policy-notices");
        } catch (ConflictException e) {
            return page(actor, new Form(policies.current().text(), null, false), e.getMessage(), HttpStatus.CONFLICT);
        }
    }

    private ModelAndView page(Actor actor, Form form, String error, HttpStatus status) {
        List<PolicyVersion> versions = policies.versions();
        ModelAndView mav = new ModelAndView("site/operator-policies", status);
        mav.addObject("notices", notices.list(actor));
        mav.addObject("form", form);
        mav.addObject("error", error);
        mav.addObject("versions", versions);
        mav.addObject("next", versions.isEmpty() ? 1 : versions.get(0).version() + 1);
        mav.addObject("textMax", PrivacyPolicies.TEXT_MAX);
        mav.addObject("summaryMax", PrivacyPolicies.SUMMARY_MAX);
        return mav;
    }
}
