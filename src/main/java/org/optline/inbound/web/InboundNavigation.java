package org.optline.inbound.web;

import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inbound module's entries in the client navigation: replies beside the campaigns, the bounce policy in settings. */
@Configuration
class InboundNavigation {

    @Bean
    NavigationItem repliesNav() {
        return new NavigationItem(Area.CLIENT, Group.CAMPAIGNS, "Replies", "/replies", 150, Role.IN_CLIENT);
    }

    @Bean
    NavigationItem bouncePolicyNav() {
        return new NavigationItem(Area.CLIENT, Group.SETTINGS, "Bounces", "/settings/bounces", 120, Role.CLIENT_WRITERS);
    }
}
