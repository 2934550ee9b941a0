package org.optline.compliance.disclosure;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The legal disclosure page in the operator console, beside the audit log that records each disclosure. */
@Configuration
class DisclosureNavigation {

    @Bean
    NavigationItem legalDisclosuresNav() {
        return new NavigationItem(Area.OPERATOR, Group.REPORTS, "Legal disclosures", "/operator/legal-disclosures", 120,
                Set.of(Role.OPERATOR));
    }
}
