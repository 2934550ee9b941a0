package org.optline.site.accesslog;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The site's trends among the operator's reports, after the audit log and legal disclosures. */
@Configuration
class SiteTrendsNavigation {

    @Bean
    NavigationItem siteTrendsNav() {
        return new NavigationItem(Area.OPERATOR, Group.REPORTS, "Site trends", "/operator/site-trends", 130, Set.of(Role.OPERATOR));
    }
}
