package org.optline.site.contact;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The contact form's leads in the operator console. */
@Configuration
class LeadsNavigation {

    @Bean
    NavigationItem siteLeadsNav() {
        return new NavigationItem(Area.OPERATOR, Group.HOME, "Leads", "/operator/leads", 40, Set.of(Role.OPERATOR));
    }
}
