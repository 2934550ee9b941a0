package org.optline.site.policy;

import java.util.ArrayList;
import java.util.List;
import org.optline.platform.NotFoundException;
import org.optline.site.PolicyVersion;
import org.optline.site.PrivacyPolicies;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The privacy policy on the public site: the version in force, every version with what changed
 * since the one before, and any one version in full. An unknown version is the 404 page.
 */
@Controller
class PrivacyPages {

    private final PrivacyPolicies policies;

    PrivacyPages(PrivacyPolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/privacy")
    String current(Model model) {
        PolicyVersion current = policies.current();
        model.addAttribute("policy", PolicyView.of(current));
        model.addAttribute("current", current.version());
        return "site/privacy";
    }

    @GetMapping("/privacy/versions")
    String versions(Model model) {
        List<PolicyVersion> all = policies.versions();
        List<PolicyView> views = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            views.add(PolicyView.withDiff(all.get(i), i + 1 < all.size() ? all.get(i + 1) : null));
        }
        model.addAttribute("versions", views);
        return "site/privacy-versions";
    }

    @GetMapping("/privacy/versions/{number}")
    String version(@PathVariable String number, Model model) {
        PolicyVersion v = policies.version(number)
                .orElseThrow(() -> new NotFoundException("No version " + number + " of the privacy policy"));
        model.addAttribute("policy", PolicyView.of(v));
        model.addAttribute("current", policies.current().version());
        return "site/privacy-version";
    }
}
