package org.optline.site.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.optline.site.PolicyVersion;
import org.optline.site.PrivacyPolicies;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The site's home: what the service is and the permission-only promise, for anyone, with a dated
 * notice while a new version of the privacy policy is recent.
 */
@Controller
class HomePage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final PrivacyPolicies policies;

    HomePage(PrivacyPolicies policies) {
        this.policies = policies;
    }

    /** The notice of a new policy version: its day (UTC), its summary if any, and where its changes are shown. */
    record ChangeNotice(int version, String date, String isoDate, String summary, String changes) {

        static ChangeNotice of(PolicyVersion v) {
            var at = v.publishedAt().withOffsetSameInstant(ZoneOffset.UTC);
            return new ChangeNotice(v.version(), DAY.format(at), at.toLocalDate().toString(), v.summary(),
                    "/privacy/versions#version-" + v.version());
        }
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("policyNotice", policies.recentChange().map(ChangeNotice::of).orElse(null));
        return "site/home";
    }
}
