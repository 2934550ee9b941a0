package org.optline.site.abuse;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The abuse form's reports in the operator console, after the abuse desk. */
@Configuration
class SiteReportsNavigation {

    @Bean
    NavigationItem siteReportsNav() {
        return new NavigationItem(Area.OPERATOR, Group.HOME, "Site abuse reports", "/operator/site-reports", 25,
                Set.of(Role.OPERATOR));
    }
}
