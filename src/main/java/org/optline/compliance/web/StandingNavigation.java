package org.optline.compliance.web;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The standing pages in the navigation: the client's beside its dashboard, the operator's alerts beside the clients. */
@Configuration
class StandingNavigation {

    @Bean
    NavigationItem standingNav() {
        return new NavigationItem(Area.CLIENT, "Standing", "/standing", 10, Role.IN_CLIENT);
    }

    @Bean
    NavigationItem standingAlertsNav() {
        return new NavigationItem(Area.OPERATOR, "Standing alerts", "/operator/standing", 10, Set.of(Role.OPERATOR));
    }
}
