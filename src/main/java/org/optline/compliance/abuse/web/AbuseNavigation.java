package org.optline.compliance.abuse.web;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The abuse desk's navigation: the desk in the operator console beside the clients, complaints for a client. */
@Configuration
class AbuseNavigation {

    @Bean
    NavigationItem abuseDeskNav() {
        return new NavigationItem(Area.OPERATOR, Group.HOME, "Abuse desk", "/operator/abuse-cases", 20, Set.of(Role.OPERATOR));
    }

    @Bean
    NavigationItem complaintsNav() {
        return new NavigationItem(Area.CLIENT, Group.CAMPAIGNS, "Complaints", "/complaints", 160, Role.IN_CLIENT);
    }
}
