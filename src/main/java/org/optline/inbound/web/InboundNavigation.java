package org.optline.inbound.web;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inbound module's navigation entries: for a client, replies beside the campaigns and the
 * bounce policy in settings; for the operator, the inbound mail store beside the outbox.
 */
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

    @Bean
    NavigationItem inboundMailNav() {
        return new NavigationItem(Area.OPERATOR, Group.OUTBOX, "Inbound mail", "/operator/inbound", 110, Set.of(Role.OPERATOR));
    }
}
