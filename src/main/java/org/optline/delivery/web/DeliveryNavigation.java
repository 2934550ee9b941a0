package org.optline.delivery.web;

import java.util.Set;
import org.optline.platform.NavigationItem;
import org.optline.platform.NavigationItem.Area;
import org.optline.platform.NavigationItem.Group;
import org.optline.platform.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery module's entries in the client and operator navigation. */
@Configuration
class DeliveryNavigation {

    private static final Set<Role> ALL = Role.IN_CLIENT;

    @Bean
    NavigationItem domainsNav() {
        return new NavigationItem(Area.CLIENT, Group.SETTINGS, "Sending domains", "/sending/domains", 100, ALL);
    }

    @Bean
    NavigationItem relayNav() {
        return new NavigationItem(Area.CLIENT, Group.SETTINGS, "SMTP relay", "/sending/relay", 110, Role.CLIENT_WRITERS);
    }

    @Bean
    NavigationItem outboxNav() {
        return new NavigationItem(Area.CLIENT, Group.OUTBOX, "Outbox", "/outbox", 100, ALL);
    }

    @Bean
    NavigationItem operatorOutboxNav() {
        return new NavigationItem(Area.OPERATOR, Group.OUTBOX, "Outbox", "/outbox", 100, Set.of(Role.OPERATOR));
    }

    @Bean
    NavigationItem transportNav() {
        return new NavigationItem(Area.OPERATOR, Group.SETTINGS, "Delivery", "/operator/delivery", 100, Set.of(Role.OPERATOR));
    }
}
